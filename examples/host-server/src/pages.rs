//! The host's pages, built into the binary so it runs from anywhere.

use crate::logins::SignedIn;

/// The login page.
pub const INDEX: &str = include_str!("../static/index.html");
/// Its script: the password step, then the widget.
pub const LOGIN_JS: &str = include_str!("../static/login.js");
/// Its styles.
pub const HOST_CSS: &str = include_str!("../static/host.css");
/// The site's icon (a browser asks for one on every page).
pub const FAVICON: &str = include_str!("../static/favicon.svg");

/// Seconds since the Unix epoch.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `text` safe inside HTML text and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The signed-in page for `session`.
pub fn account(session: &SignedIn) -> String {
    let remembered = match session.remember_device_days {
        Some(days) => format!(
            "<p id=\"remembered\">This device will not be asked for a second step for {days} days.</p>"
        ),
        None => String::new(),
    };
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Your account · Contoso</title>\n<link rel=\"icon\" href=\"/favicon.svg\">\n\
         <link rel=\"stylesheet\" href=\"/host.css\">\n</head>\n\
         <body>\n<main class=\"host\">\n<h1>Welcome</h1>\n\
         <p id=\"signed-in\" data-user=\"{user}\">You are signed in as <strong>{user}</strong> \
         (second step: {amr}).</p>\n{remembered}\n\
         <form method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form>\n\
         </main>\n</body>\n</html>\n",
        user = escape(&session.user),
        amr = escape(&session.amr.join(", ")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_name_stays_text() {
        assert_eq!(
            escape("<img src=x onerror=\"a()\">&'"),
            "&lt;img src=x onerror=&quot;a()&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn the_pages_have_no_inline_script_or_style() {
        let account = account(&SignedIn::example());
        for page in [INDEX, account.as_str()] {
            assert!(!page.contains("<script>"), "{page}");
            assert!(!page.contains("style="), "{page}");
            assert!(!page.contains("<style"), "{page}");
        }
    }
}
