//! The field path of a JSON reading error, found from where serde_json stopped rather than by tracking
//! the path while reading. Tracking (serde_path_to_error) wrapped every deserializer and visitor of every
//! record type: about 75 KB of the wasm module before wasm-opt, 14 KB gzipped. serde_json reports the
//! line and column at which it stopped; reading the text up to there tells which object keys and list
//! indices are open, written as serde_path_to_error wrote them (`preferences.days[0]`, empty for the
//! record itself). A test compares both on thousands of broken records.

/// What the reader saw last in one open object or list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before a key (object) or an element (list) starts: after `{`, `[` or `,`.
    Expect,
    /// Inside a key that has not ended.
    InKey,
    /// A key was read; its colon not yet.
    AfterKey,
    /// After the colon: the value has not started.
    AfterColon,
    /// Inside a value: a string, number or literal that has not ended, or an open object or list.
    InValue,
    /// A value ended (a scalar, or an object or list that closed).
    ValueDone,
}

#[derive(Debug, Clone)]
struct Frame {
    /// The current key of an object; `None` for a list.
    key: Option<String>,
    /// The current element of a list; in an object, how many commas were read.
    index: usize,
    list: bool,
    state: State,
}

impl Frame {
    fn segment(&self, out: &mut String) {
        if self.list {
            out.push('[');
            out.push_str(&self.index.to_string());
            out.push(']');
        } else if let Some(key) = &self.key {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(key);
        }
    }
}

/// How an error relates to the place where serde_json stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Malformed JSON: about the text at that place.
    Syntax,
    /// The text ended too early: about the value, object or list being read.
    End,
    /// A value of the wrong type or an unknown value, placed by serde_json at the value: just after a
    /// scalar, or before the `{` or `[` of an object or list where a scalar belongs.
    Value,
    /// A rule of an object or list as a whole (a field missing or doubled, a list too long), placed
    /// where that object or list stopped reading.
    Container,
    /// A value's own check that serde_json does not place itself (a date that is no date, no variant of
    /// an untagged enum fits): it is placed where the enclosing object or list stopped reading, after
    /// its closing bracket, or after the comma that follows the value in a list.
    Late,
}

impl Kind {
    /// The kind of a serde_json error, from its category and the wording serde gives it.
    pub(crate) fn of(e: &serde_json::Error) -> Kind {
        if e.is_eof() {
            return Kind::End;
        }
        let msg = e.to_string();
        // Characters after a list read as a struct belong to that list.
        if msg.starts_with("trailing characters") {
            return Kind::Container;
        }
        if !e.is_data() {
            return Kind::Syntax;
        }
        let starts = |prefixes: &[&str]| prefixes.iter().any(|p| msg.starts_with(p));
        if starts(&["missing field ", "duplicate field ", "invalid length "]) {
            Kind::Container
        } else if starts(&[
            "invalid type: ",
            "invalid value: ",
            "unknown variant ",
            "unknown field ",
        ]) {
            Kind::Value
        } else {
            Kind::Late
        }
    }
}

/// The byte offset of serde_json's (1-based line, byte column): the column counts the bytes read on
/// that line.
fn offset_of(json: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match json[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return json.len(),
        }
    }
    (start + column).min(json.len())
}

/// The field path of an error of `kind` that serde_json reported at `line` and `column` of `json`;
/// empty for the record itself.
pub(crate) fn error_path(json: &str, line: usize, column: usize, kind: Kind) -> String {
    let end = offset_of(json, line, column);
    let b = json.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    // The object or list that closed last, while nothing but white space followed it.
    let mut closed: Option<Frame> = None;
    // The last token when it stood where JSON allows none (the syntax error is about it).
    let mut stray: Option<u8> = None;
    let mut i = 0;
    while i < end {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // A quote serde_json only peeked at (where no string may start) is the error itself.
        if c == b'"' && i + 1 == end && kind != Kind::End {
            stray = Some(c);
            break;
        }
        let top = stack.last_mut();
        let len = match c {
            b'"' => string_len(&b[i..end]).0,
            b'{' | b'[' | b'}' | b']' | b',' | b':' => 1,
            _ => scalar_len(&b[i..end]),
        };
        // Whether this token may stand here; a stray one changes nothing.
        let fits = match (c, &top) {
            (_, None) => !stack.is_empty() || matches!(c, b'{' | b'['),
            // A closing bracket right after a comma is a trailing comma.
            (b'}' | b']', Some(f)) => {
                f.list == (c == b']')
                    && (f.state == State::ValueDone || f.state == State::Expect && f.index == 0)
            }
            (b',', Some(f)) => f.state == State::ValueDone,
            (b':', Some(f)) => !f.list && f.state == State::AfterKey,
            (b'"', Some(f)) if !f.list && f.state == State::Expect => true,
            (_, Some(f)) => expects_value(f),
        };
        stray = (!fits).then_some(c);
        if fits {
            if !matches!(c, b'}' | b']') {
                closed = None;
            }
            match c {
                b'{' | b'[' => {
                    if let Some(top) = stack.last_mut() {
                        top.state = State::InValue;
                    }
                    stack.push(Frame {
                        key: None,
                        index: 0,
                        list: c == b'[',
                        state: State::Expect,
                    });
                }
                b'}' | b']' => {
                    closed = stack.pop();
                    if let Some(top) = stack.last_mut() {
                        top.state = State::ValueDone;
                    }
                }
                _ => {
                    if let Some(top) = stack.last_mut() {
                        let cut = i + len == end && b.get(end).is_some_and(|&n| !is_delimiter(n));
                        token(top, c, &b[i..i + len], cut);
                    }
                }
            }
        }
        i += len;
    }
    let mut path = String::new();
    let Some((inner, outer)) = stack.split_last() else {
        return closed_segment(path, closed.as_ref(), kind);
    };
    for f in outer {
        f.segment(&mut path);
    }
    match inner.state {
        // serde_json reads an element when the list does not close: its error is the element's.
        State::Expect
            if inner.list
                && (kind == Kind::Value
                    || kind == Kind::Syntax && stray.is_some_and(|c| c != b']')) =>
        {
            inner.segment(&mut path)
        }
        State::InKey => path.push_str(if path.is_empty() { "?" } else { ".?" }),
        // Reading the next key failed (no string, no comma, the end): serde_path_to_error's unknown
        // segment.
        State::Expect | State::ValueDone
            if !inner.list && (stray.is_some() && kind == Kind::Syntax || kind == Kind::End) =>
        {
            path.push_str(if path.is_empty() { "?" } else { ".?" });
        }
        // A list read on past the comma after the value whose check failed.
        State::Expect if inner.list && kind == Kind::Late && inner.index > 0 => {
            let before = Frame {
                index: inner.index - 1,
                ..inner.clone()
            };
            before.segment(&mut path);
        }
        State::Expect | State::AfterKey => {}
        State::AfterColon | State::InValue => inner.segment(&mut path),
        State::ValueDone if stray.is_some() || kind == Kind::End => {}
        State::ValueDone => {
            inner.segment(&mut path);
            return closed_segment(path, closed.as_ref(), kind);
        }
    }
    path
}

/// Applies a comma, colon, string or scalar that fits in `f`. `cut`: the token runs on past the
/// place where serde_json stopped.
fn token(f: &mut Frame, c: u8, text: &[u8], cut: bool) {
    match c {
        b',' => {
            f.index += 1;
            f.key = None;
            f.state = State::Expect;
        }
        b':' => f.state = State::AfterColon,
        b'"' if !f.list && f.state == State::Expect => {
            let ended = text.len() > 1 && string_len(text).1;
            f.state = if ended {
                f.key = Some(unescaped(text));
                State::AfterKey
            } else {
                State::InKey
            };
        }
        b'"' => {
            let ended = text.len() > 1 && string_len(text).1;
            f.state = if ended {
                State::ValueDone
            } else {
                State::InValue
            };
        }
        // A literal or number serde_json could not read is where it stopped.
        _ => {
            f.state = if cut || !is_scalar(text) {
                State::InValue
            } else {
                State::ValueDone
            }
        }
    }
}

/// How far serde_json reads a literal or number at the start of `b`: a whole `true`, `false`, `null`
/// or number, or up to and including the first byte that cannot continue it.
fn scalar_len(b: &[u8]) -> usize {
    for word in [&b"true"[..], b"false", b"null"] {
        if b[0] == word[0] {
            let same = b.iter().zip(word).take_while(|(x, y)| x == y).count();
            return if same == word.len() {
                same
            } else {
                (same + 1).min(b.len())
            };
        }
    }
    let digits = |from: usize| from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut j = usize::from(b[0] == b'-');
    let int_end = digits(j);
    if int_end == j || (b[j] == b'0' && int_end > j + 1) {
        return (int_end.max(j) + 1).min(b.len()).max(1);
    }
    j = int_end;
    if b.get(j) == Some(&b'.') {
        let frac_end = digits(j + 1);
        if frac_end == j + 1 {
            return (j + 2).min(b.len());
        }
        j = frac_end;
    }
    if matches!(b.get(j), Some(b'e' | b'E')) {
        let sign = j + 1 + usize::from(matches!(b.get(j + 1), Some(b'+' | b'-')));
        let exp_end = digits(sign.min(b.len()));
        if exp_end == sign {
            return (sign + 1).min(b.len());
        }
        j = exp_end;
    }
    j
}

/// Whether `t` is a whole JSON literal or number (not a part serde_json stopped in).
fn is_scalar(t: &[u8]) -> bool {
    scalar_len(t) == t.len()
        && (matches!(t, b"true" | b"false" | b"null") || t.last().is_some_and(u8::is_ascii_digit))
}

/// Where a number or literal ends.
fn is_delimiter(c: u8) -> bool {
    matches!(c, b',' | b']' | b'}' | b':' | b'"' | b'{' | b'[') || c.is_ascii_whitespace()
}

/// Whether a value may start here: after the colon in an object, at an element of a list (a value
/// anywhere else is a syntax error, about the place where it stands).
fn expects_value(f: &Frame) -> bool {
    if f.list {
        f.state == State::Expect
    } else {
        f.state == State::AfterColon
    }
}

/// A [`Kind::Late`] error placed after the closing bracket of the object or list it was read in: the
/// path goes on into the value that object or list ended with.
fn closed_segment(mut path: String, closed: Option<&Frame>, kind: Kind) -> String {
    if kind == Kind::Late {
        if let Some(f) = closed.filter(|f| f.state == State::ValueDone) {
            f.segment(&mut path);
        }
    }
    path
}

/// The length in bytes of the string starting at `b[0]` (a quote), and whether it ended within `b`.
fn string_len(b: &[u8]) -> (usize, bool) {
    let mut j = 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return (j + 1, true),
            _ => j += 1,
        }
    }
    (b.len(), false)
}

/// A key as the record reads it: the JSON string unescaped (as written when it does not parse).
fn unescaped(quoted: &[u8]) -> String {
    serde_json::from_slice(quoted)
        .unwrap_or_else(|_| String::from_utf8_lossy(&quoted[1..quoted.len() - 1]).into_owned())
}

#[cfg(test)]
mod tests {
    use crate::Referral;
    use serde_json::Value;

    /// Every value of `v` replaced in turn by each of `with`, every object member left out and doubled.
    fn value_variants(v: &Value, with: &[Value], out: &mut Vec<String>) {
        fn walk(
            root: &Value,
            at: &mut Vec<PathStep>,
            v: &Value,
            with: &[Value],
            out: &mut Vec<String>,
        ) {
            for w in with {
                out.push(edit(root, at, Edit::Replace(w.clone())));
            }
            match v {
                Value::Object(m) => {
                    for (k, child) in m {
                        at.push(PathStep::Key(k.clone()));
                        out.push(edit(root, at, Edit::Remove));
                        out.push(edit(root, at, Edit::Double));
                        walk(root, at, child, with, out);
                        at.pop();
                    }
                }
                Value::Array(a) => {
                    for (i, child) in a.iter().enumerate() {
                        at.push(PathStep::Index(i));
                        walk(root, at, child, with, out);
                        at.pop();
                    }
                }
                _ => {}
            }
        }
        walk(v, &mut Vec::new(), v, with, out);
    }

    #[derive(Clone)]
    enum PathStep {
        Key(String),
        Index(usize),
    }
    enum Edit {
        Replace(Value),
        Remove,
        Double,
    }

    /// `root` written compactly with one edit at `at` (a doubled member is written twice).
    fn edit(root: &Value, at: &[PathStep], e: Edit) -> String {
        fn write(v: &Value, at: Option<&[PathStep]>, e: &Edit, out: &mut String) {
            if at.is_some_and(<[PathStep]>::is_empty) {
                if let Edit::Replace(w) = e {
                    out.push_str(&w.to_string());
                    return;
                }
            }
            let (head, rest) = match at.and_then(|a| a.split_first()) {
                Some((h, r)) => (Some(h), Some(r)),
                None => (None, None),
            };
            match v {
                Value::Object(m) => {
                    out.push('{');
                    let mut first = true;
                    for (k, child) in m {
                        let here = matches!(head, Some(PathStep::Key(h)) if h == k);
                        let last = here && rest.is_some_and(<[PathStep]>::is_empty);
                        let times = match e {
                            Edit::Remove if last => 0,
                            Edit::Double if last => 2,
                            _ => 1,
                        };
                        for _ in 0..times {
                            if !first {
                                out.push(',');
                            }
                            first = false;
                            out.push_str(&Value::String(k.clone()).to_string());
                            out.push(':');
                            write(child, if here { rest } else { None }, e, out);
                        }
                    }
                    out.push('}');
                }
                Value::Array(a) => {
                    out.push('[');
                    for (i, child) in a.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        let here = matches!(head, Some(PathStep::Index(h)) if *h == i);
                        write(child, if here { rest } else { None }, e, out);
                    }
                    out.push(']');
                }
                _ => out.push_str(&v.to_string()),
            }
        }
        let mut out = String::new();
        write(root, Some(at), &e, &mut out);
        out
    }

    /// `json` cut short at every character, with a stray character put in and a character left out.
    fn text_variants(json: &str, out: &mut Vec<String>) {
        for (i, c) in json.char_indices() {
            out.push(json[..i].to_string());
            for stray in [",", "}", "]", ":", "x", "\"", "[", "{"] {
                out.push(format!("{}{stray}{}", &json[..i], &json[i..]));
            }
            out.push(format!("{}{}", &json[..i], &json[i + c.len_utf8()..]));
        }
    }

    /// Records whose problems differ between the CLI's reading (fields tracked while reading) and the
    /// page's (fields found from where serde_json stopped), and how many records had problems.
    fn compare(records: &[String]) -> (usize, Vec<String>) {
        let mut errors = 0;
        let mut differ = Vec::new();
        for r in records {
            let cli = Referral::from_json(r, crate::Strictness::Lenient).map(|p| p.value);
            let page = Referral::from_json_quiet(r);
            errors += usize::from(cli.is_err());
            if cli != page {
                differ.push(format!(
                    "{:?}\n  != {:?}\n  in {r:?}",
                    cli.err(),
                    page.err()
                ));
            }
        }
        (errors, differ)
    }

    const ODD: fn() -> Vec<Value> = || {
        [
            r#""x""#,
            r#""2024-13-01""#,
            "5",
            "-1",
            "1.5",
            "300",
            "true",
            "null",
            "[]",
            "{}",
            r#"["x"]"#,
            r#"[1]"#,
            r#"{"a":1}"#,
            r#"{"area":"x","weight":"y"}"#,
            r#""a very long text of more than thirty-two characters""#,
        ]
        .iter()
        .map(|s| serde_json::from_str(s).unwrap())
        .collect()
    };

    #[test]
    fn the_page_reports_every_broken_referral_as_the_cli_does() {
        let mut records = Vec::new();
        for line in include_str!("../../../tests/fixtures/referrals.jsonl").lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            value_variants(&v, &ODD(), &mut records);
            text_variants(line, &mut records);
            text_variants(&serde_json::to_string_pretty(&v).unwrap(), &mut records);
            // A date that is no date: its error is placed after the object it ends, or before a comma.
            records.push(line.replace('}', ",\"date\":\"2024-13-01\"}"));
            records.push(line.replace('}', " ,\"date\" : \"2024-13-01\" } "));
            records.push(line.replacen(",", ",\"date\":\"2024-02-30\",", 1));
        }
        let (errors, differ) = compare(&records);
        assert!(
            errors > 20_000,
            "{errors} of {} records broken",
            records.len()
        );
        assert!(
            differ.is_empty(),
            "{} of {} differ:\n{}",
            differ.len(),
            records.len(),
            differ[..differ.len().min(10)].join("\n")
        );
    }
}
