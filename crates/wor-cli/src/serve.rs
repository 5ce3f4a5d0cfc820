//! `wor serve`: the static web page on 127.0.0.1 only. The page computes everything in the browser;
//! this server only hands out files and never sees referral data.

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// Directives a `<meta>` Content-Security-Policy cannot carry (browsers ignore them there), so the
/// server adds them to the policy it reads from the page.
const HEADER_ONLY_CSP: &str = "frame-ancestors 'none'";

/// The page's Content-Security-Policy has one home, the `<meta http-equiv="Content-Security-Policy">`
/// tag of `index.html`: the server sends that same policy as a header (plus the header-only
/// directives), so the two cannot drift. `None` when the page has no such tag.
pub fn page_csp(index_html: &str) -> Option<String> {
    let lower = index_html.to_ascii_lowercase();
    let at = lower.find("http-equiv=\"content-security-policy\"")?;
    let tag_start = lower[..at].rfind('<')?;
    let tag_end = tag_start + lower[tag_start..].find('>')?;
    let tag = &index_html[tag_start..tag_end];
    let content = tag.find("content=\"")? + "content=\"".len();
    let value = &tag[content..content + tag[content..].find('"')?];
    let value = value.trim().trim_end_matches(';').trim();
    (!value.is_empty()).then(|| format!("{value}; {HEADER_ONLY_CSP}"))
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file under `root`, refusing anything that climbs out of it. The path is
/// percent-decoded first: the file system sees the decoded name, so `%2e%2e` must be judged as `..`.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = percent_decode(url.split(['?', '#']).next().unwrap_or("/"))?;
    let mut out = root.to_path_buf();
    for part in Path::new(path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    out.is_file().then_some(out)
}

/// Decodes `%XX` escapes; `None` for a malformed escape or a result that is not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let hex = |b: u8| char::from(b).to_digit(16);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = hex(*bytes.get(i + 1)?)?;
            let lo = hex(*bytes.get(i + 2)?)?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Longest request head accepted (request line and headers).
const MAX_HEAD_BYTES: usize = 16 * 1024;

pub fn serve(root: &Path, port: u16) -> Result<(), String> {
    let index = root.join("index.html");
    let Ok(page) = fs::read_to_string(&index) else {
        return Err(format!(
            "{}: no index.html; run `make build` first, or pass --root",
            root.display()
        ));
    };
    let csp = page_csp(&page).ok_or_else(|| {
        format!(
            "{}: no <meta http-equiv=\"Content-Security-Policy\"> tag; the server sends the page's own policy",
            index.display()
        )
    })?;
    let addr = format!("127.0.0.1:{port}");
    let listener = TcpListener::bind(&addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    eprintln!(
        "Serving {} on http://{addr}/ (only this computer can reach it; Ctrl+C stops)",
        root.display()
    );
    let root = Arc::new(root.to_path_buf());
    let csp: Arc<str> = csp.into();
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let root = Arc::clone(&root);
        let csp = Arc::clone(&csp);
        // One short-lived thread per connection: a browser opens several at once, and each is answered.
        thread::spawn(move || {
            // A client that went away is not an error of the server.
            let _ = handle(stream, &root, &csp);
        });
    }
    Ok(())
}

/// Answers one GET or HEAD request and closes the connection.
fn handle(mut stream: TcpStream, root: &Path, csp: &str) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 || head.len() + n > MAX_HEAD_BYTES {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let request_line = String::from_utf8_lossy(&head);
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let (status, content_type, body) = match (method, resolve(root, target)) {
        ("GET" | "HEAD", Some(file)) => match fs::read(&file) {
            Ok(body) => ("200 OK", mime(&file), body),
            Err(_) => (
                "500 Internal Server Error",
                "text/plain",
                b"read error".to_vec(),
            ),
        },
        ("GET" | "HEAD", None) => ("404 Not Found", "text/plain", b"not found".to_vec()),
        _ => ("405 Method Not Allowed", "text/plain", b"only GET".to_vec()),
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Content-Security-Policy: {csp}\r\nX-Content-Type-Options: nosniff\r\n\
         Referrer-Policy: no-referrer\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_root() {
        // tmp/secret.txt lies outside the root tmp/www. Inside the root, a directory literally named
        // `%2e%2e` holds a decoy: a server that does not decode would serve it for `/%2e%2e/secret.txt`.
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("www");
        fs::create_dir_all(root.join("%2e%2e")).unwrap();
        fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        fs::write(root.join("%2e%2e/secret.txt"), "decoy").unwrap();
        fs::write(root.join("héllo wereld.txt"), "hi").unwrap();
        assert!(resolve(&root, "/../secret.txt").is_none());
        for encoded in [
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/.%2e/secret.txt",
            "/%2e%2e%2fsecret.txt",
            "/x/%2e%2e/%2e%2e/secret.txt",
        ] {
            assert_eq!(resolve(&root, encoded), None, "{encoded}");
        }
        // Decoding is what finds this file; malformed escapes and non-UTF-8 are refused.
        assert_eq!(
            resolve(&root, "/h%C3%A9llo%20wereld.txt?x=1"),
            Some(root.join("héllo wereld.txt"))
        );
        for malformed in ["/%", "/%2", "/%zz", "/%+f", "/%ff"] {
            assert_eq!(resolve(&root, malformed), None, "{malformed}");
        }
    }

    #[test]
    fn answers_many_parallel_connections() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server_root = root.clone();
        let csp = page_csp(&fs::read_to_string(root.join("index.html")).unwrap()).unwrap();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = server_root.clone();
                let csp = csp.clone();
                thread::spawn(move || handle(stream, &root, &csp));
            }
        });
        let clients: Vec<_> = (0..16)
            .map(|_| {
                thread::spawn(move || {
                    let mut s = TcpStream::connect(addr).unwrap();
                    s.write_all(b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")
                        .unwrap();
                    let mut out = String::new();
                    s.read_to_string(&mut out).unwrap();
                    out
                })
            })
            .collect();
        for c in clients {
            let response = c.join().unwrap();
            assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
            assert!(response.contains("Content-Security-Policy: default-src 'self'"));
        }
    }

    #[test]
    fn the_header_policy_is_the_pages_own_meta_policy() {
        let page =
            fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www/index.html"))
                .unwrap();
        let csp = page_csp(&page).expect("www/index.html has a CSP meta tag");
        // The meta tag's value, found independently of page_csp, is the start of the header.
        let meta = page
            .lines()
            .find(|l| l.contains("Content-Security-Policy"))
            .and_then(|l| l.split("content=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .unwrap();
        assert_eq!(csp, format!("{meta}; {HEADER_ONLY_CSP}"));
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        // A page without the tag gets no policy from here, and `serve` refuses to start on it.
        assert_eq!(page_csp("<html><head><title>x</title></head></html>"), None);
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("index.html"), "<html></html>").unwrap();
        let err = serve(tmp.path(), 0).unwrap_err();
        assert!(err.contains("Content-Security-Policy"), "{err}");
    }
}
