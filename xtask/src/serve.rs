//! A small static file server (std only, one thread per connection) for dist/.
//!
//! Used by `cargo xtask demo` and by the e2e tests. It answers GET and HEAD only, maps `/` to
//! `index.html`, refuses `..`, never lets anything be cached, and sends a strict
//! Content-Security-Policy with every response, so that the demo proves the bundle runs under it.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// The policy sent with every response: no inline script or style, wasm compilation allowed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; connect-src 'self'";

/// The most a request head (request line and headers) may take.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// How long a connection may stay silent before the server drops it.
const IO_TIMEOUT: Duration = Duration::from_secs(15);

/// A bound static file server for one folder.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    root: Arc<PathBuf>,
}

impl Server {
    /// Binds `addr` (port 0 picks a free port) to serve the files under `root`.
    pub fn bind(addr: impl ToSocketAddrs, root: &Path) -> io::Result<Server> {
        let root = root.canonicalize().map_err(|err| {
            io::Error::new(
                err.kind(),
                format!("cannot serve {}: {err}", root.display()),
            )
        })?;
        Ok(Server {
            listener: TcpListener::bind(addr)?,
            root: Arc::new(root),
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves requests until the process ends.
    pub fn serve(self) {
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            let root = Arc::clone(&self.root);
            // A connection error concerns that connection only.
            thread::spawn(move || {
                let _ = handle(stream, &root);
            });
        }
    }

    /// Serves requests on a background thread until the process ends.
    pub fn spawn(self) -> JoinHandle<()> {
        thread::spawn(move || self.serve())
    }
}

/// One response: status, content type and body (the body is left out for HEAD).
#[derive(Debug)]
struct Response {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    allow: bool,
}

impl Response {
    fn text(status: u16, reason: &'static str) -> Response {
        Response {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            body: format!("{status} {reason}\n").into_bytes(),
            allow: false,
        }
    }
}

fn handle(stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let reader = BufReader::new(stream.try_clone()?);
    let (head, response) = match read_head(reader)? {
        Some((method, target)) => {
            let response = respond(&method, &target, root);
            (method == "HEAD", response)
        }
        None => (false, Response::text(400, "Bad Request")),
    };
    write_response(stream, &response, head)
}

/// Reads the request line and skips the headers: `(method, target)`, or `None` if malformed
/// or longer than [`MAX_HEAD_BYTES`].
fn read_head(reader: impl BufRead) -> io::Result<Option<(String, String)>> {
    let mut head = reader.take(MAX_HEAD_BYTES as u64);
    let mut request_line = String::new();
    head.read_line(&mut request_line)?;
    loop {
        let mut line = String::new();
        if head.read_line(&mut line)? == 0 || !line.ends_with('\n') {
            return Ok(None);
        }
        if line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(target), Some(version), None) if version.starts_with("HTTP/1.") => {
            Ok(Some((method.to_owned(), target.to_owned())))
        }
        _ => Ok(None),
    }
}

fn respond(method: &str, target: &str, root: &Path) -> Response {
    if method != "GET" && method != "HEAD" {
        let mut response = Response::text(405, "Method Not Allowed");
        response.allow = true;
        return response;
    }
    let path = match resolve(root, target) {
        Ok(Some(path)) => path,
        Ok(None) => return Response::text(404, "Not Found"),
        Err(BadPath) => return Response::text(400, "Bad Request"),
    };
    match std::fs::read(&path) {
        Ok(body) => Response {
            status: 200,
            reason: "OK",
            content_type: content_type(&path),
            body,
            allow: false,
        },
        Err(_) => Response::text(404, "Not Found"),
    }
}

fn write_response(mut stream: TcpStream, response: &Response, head_only: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n\
         Content-Type: {}\r\n\
         Content-Length: {}\r\n\
         Cache-Control: no-store\r\n\
         Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\n\
         X-Content-Type-Options: nosniff\r\n\
         Connection: close\r\n",
        response.status,
        response.reason,
        response.content_type,
        response.body.len(),
    );
    if response.allow {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// A request path that tries to leave the served folder, or cannot be decoded.
#[derive(Debug, PartialEq, Eq)]
struct BadPath;

/// The file under `root` that the request `target` names: `Ok(None)` when there is none.
fn resolve(root: &Path, target: &str) -> Result<Option<PathBuf>, BadPath> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let path = path.strip_prefix('/').ok_or(BadPath)?;
    let path = percent_decode(path).ok_or(BadPath)?;
    if path.contains(['\\', '\0']) {
        return Err(BadPath);
    }
    let mut file = root.to_path_buf();
    for segment in path.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Err(BadPath),
            name => file.push(name),
        }
    }
    if path.is_empty() || path.ends_with('/') || file.is_dir() {
        file.push("index.html");
    }
    // Symbolic links must not lead out of the folder either.
    match file.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Ok(Some(real)),
        _ => Ok(None),
    }
}

/// Decodes `%XX` escapes; `None` if an escape is malformed or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file, from its extension.
fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// A fresh folder with an index.html, a wasm file and a sub folder.
    fn site(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("index.html"), "<main id=\"app\"></main>").unwrap();
        std::fs::write(dir.join("twostep_bg.wasm"), b"\0asm").unwrap();
        std::fs::write(dir.join("sub").join("a b.css"), "main{}").unwrap();
        dir.canonicalize().unwrap()
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Path::new("x/twostep_bg.wasm")),
            "application/wasm"
        );
        assert_eq!(
            content_type(Path::new("twostep.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("a.CSS")), "text/css; charset=utf-8");
        assert_eq!(
            content_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("LICENSE")),
            "application/octet-stream"
        );
    }

    #[test]
    fn resolves_files_and_refuses_traversal() {
        let root = site("resolve");
        assert_eq!(resolve(&root, "/"), Ok(Some(root.join("index.html"))));
        assert_eq!(
            resolve(&root, "/?code=1#x"),
            Ok(Some(root.join("index.html")))
        );
        assert_eq!(
            resolve(&root, "/twostep_bg.wasm"),
            Ok(Some(root.join("twostep_bg.wasm")))
        );
        assert_eq!(
            resolve(&root, "/sub/a%20b.css"),
            Ok(Some(root.join("sub").join("a b.css")))
        );
        assert_eq!(resolve(&root, "/missing.js"), Ok(None));
        assert_eq!(resolve(&root, "/sub/"), Ok(None));
        assert_eq!(resolve(&root, "/../etc/passwd"), Err(BadPath));
        assert_eq!(resolve(&root, "/sub/../../x"), Err(BadPath));
        assert_eq!(resolve(&root, "/%2e%2e/x"), Err(BadPath));
        assert_eq!(resolve(&root, "/..%5cx"), Err(BadPath));
        assert_eq!(resolve(&root, "/%zz"), Err(BadPath));
        assert_eq!(resolve(&root, "index.html"), Err(BadPath));
        std::fs::remove_dir_all(root).unwrap();
    }

    fn request(addr: SocketAddr, raw: &str) -> String {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut out = String::new();
        stream.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn serves_over_http() {
        let root = site("http");
        let server = Server::bind("127.0.0.1:0", &root).unwrap();
        let addr = server.local_addr().unwrap();
        server.spawn();

        let ok = request(addr, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
        assert!(ok.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(ok.contains("Cache-Control: no-store\r\n"));
        assert!(ok.contains(&format!(
            "Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\n"
        )));
        assert!(ok.ends_with("\r\n\r\n<main id=\"app\"></main>"), "{ok}");

        let head = request(addr, "HEAD /twostep_bg.wasm HTTP/1.1\r\n\r\n");
        assert!(
            head.contains("Content-Type: application/wasm\r\n"),
            "{head}"
        );
        assert!(head.contains("Content-Length: 4\r\n"), "{head}");
        assert!(head.ends_with("\r\n\r\n"), "{head}");

        let missing = request(addr, "GET /nope HTTP/1.1\r\n\r\n");
        assert!(missing.starts_with("HTTP/1.1 404 "), "{missing}");
        assert!(missing.contains("Content-Security-Policy: "));

        let traversal = request(addr, "GET /../Cargo.toml HTTP/1.1\r\n\r\n");
        assert!(traversal.starts_with("HTTP/1.1 400 "), "{traversal}");

        let post = request(addr, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert!(post.starts_with("HTTP/1.1 405 "), "{post}");
        assert!(post.contains("Allow: GET, HEAD\r\n"), "{post}");

        let garbage = request(addr, "hello\r\n\r\n");
        assert!(garbage.starts_with("HTTP/1.1 400 "), "{garbage}");
        std::fs::remove_dir_all(root).unwrap();
    }
}
