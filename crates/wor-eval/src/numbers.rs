//! Numbers as the reports write them, the one formatter of the evaluation report, monitoring and the
//! business case: Dutch "1.234.567" and "6,0", English "1,234,567" and "6.0".

use wor_core::Lang;

/// The thousands separator and the decimal mark of a language.
fn marks(lang: Lang) -> (char, char) {
    if lang == Lang::En {
        (',', '.')
    } else {
        ('.', ',')
    }
}

/// `digits` (ASCII digits, no sign) with `sep` between thousands.
fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A whole number with thousands separators: "1.234.567" (negative: "-1.234.567").
pub fn whole(lang: Lang, x: i64) -> String {
    let digits = group(&x.unsigned_abs().to_string(), marks(lang).0);
    if x < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// `x` with `decimals` decimals and thousands separators: "1.234,5" (English "1,234.5").
pub fn decimal(lang: Lang, x: f64, decimals: usize) -> String {
    let (sep, mark) = marks(lang);
    let s = format!("{x:.decimals$}");
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let grouped = group(digits, sep);
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{mark}{frac}")
    }
}

/// Whole euros: "€ 1.234" (English "EUR 1,234"), with a no-break space.
pub fn money(lang: Lang, x: i64) -> String {
    let unit = if lang == Lang::En { "EUR" } else { "€" };
    format!("{unit}\u{a0}{}", whole(lang, x))
}

/// A share as a percentage with one decimal ("79,1%"); none as "–".
pub fn percent(lang: Lang, x: Option<f64>) -> String {
    x.map_or_else(
        || "–".into(),
        |x| format!("{}%", decimal(lang, x * 100.0, 1)),
    )
}

/// A parameter as written, shortest form, with a Dutch decimal comma ("1,0609", "3").
pub fn plain_nl(x: f64) -> String {
    x.to_string().replace('.', ",")
}

/// Short Dutch forms of the evaluation report: a decimal comma ("0,404", "6,0 dagen") and a dot between
/// thousands ("1.959").
pub mod nl {
    use super::decimal;
    use wor_core::Lang;

    pub fn dec(x: f64, decimals: usize) -> String {
        decimal(Lang::Nl, x, decimals)
    }

    /// Three decimals, the precision of the ranking measures.
    pub fn f3(x: f64) -> String {
        dec(x, 3)
    }

    /// With a sign: "+0,012", "−0,004" (a real minus sign).
    pub fn signed(x: f64) -> String {
        let s = dec(x.abs(), 3);
        if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
            format!("−{s}")
        } else {
            format!("+{s}")
        }
    }

    pub fn int(n: f64) -> String {
        dec(n, 0)
    }

    pub fn pct(x: f64) -> String {
        format!("{}%", dec(x * 100.0, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_english_numbers() {
        assert_eq!(nl::dec(6.0, 1), "6,0");
        assert_eq!(nl::int(1959.4), "1.959");
        assert_eq!(nl::int(-12345.0), "-12.345");
        assert_eq!(nl::f3(0.4041), "0,404");
        assert_eq!(nl::signed(-0.0123), "−0,012");
        assert_eq!(nl::signed(-0.0001), "+0,000");
        assert_eq!(nl::pct(0.791), "79%");
        assert_eq!(whole(Lang::Nl, -1_234_567), "-1.234.567");
        assert_eq!(whole(Lang::Nl, 999), "999");
        assert_eq!(whole(Lang::En, 20_006_425), "20,006,425");
        assert_eq!(decimal(Lang::En, 1234.56, 1), "1,234.6");
        assert_eq!(money(Lang::Nl, 1021), "€\u{a0}1.021");
        assert_eq!(percent(Lang::Nl, Some(0.5)), "50,0%");
        assert_eq!(percent(Lang::En, None), "–");
        assert_eq!(plain_nl(1.0609), "1,0609");
    }
}
