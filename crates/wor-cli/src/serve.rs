//! `wor serve`: the static web page on 127.0.0.1 only. The page computes everything in the browser;
//! this server only hands out files and never sees referral data.

use std::fs;
use std::path::{Component, Path, PathBuf};
use tiny_http::{Header, Response, Server};

/// The page's Content-Security-Policy: nothing but its own origin; wasm compilation allowed.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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

/// Maps a request path to a file under `root`, refusing anything that climbs out of it.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
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

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header is valid")
}

pub fn serve(root: &Path, port: u16) -> Result<(), String> {
    if !root.join("index.html").is_file() {
        return Err(format!(
            "{}: no index.html; run `make build` first, or pass --root",
            root.display()
        ));
    }
    let addr = format!("127.0.0.1:{port}");
    let server = Server::http(&addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    eprintln!(
        "Serving {} on http://{addr}/ (only this computer can reach it; Ctrl+C stops)",
        root.display()
    );
    for request in server.incoming_requests() {
        let response = match resolve(root, request.url()) {
            Some(file) => match fs::read(&file) {
                Ok(body) => Response::from_data(body)
                    .with_header(header("Content-Type", mime(&file)))
                    .with_status_code(200),
                Err(_) => Response::from_data(b"read error".to_vec()).with_status_code(500),
            },
            None => Response::from_data(b"not found".to_vec()).with_status_code(404),
        }
        .with_header(header("Content-Security-Policy", CSP))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"))
        .with_header(header("Cache-Control", "no-cache"));
        // A client that went away is not an error of the server.
        let _ = request.respond(response);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_root() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(resolve(root, "/../Cargo.toml").is_none());
        assert!(resolve(root, "/Cargo.toml").is_some());
        assert!(resolve(root, "/src/%2e%2e/Cargo.toml").is_none());
    }
}
