//! Pure formatting: countdowns, clock times, timestamps, masking.
//!
//! Nothing here touches the browser; the caller passes the time zone offset.
//! The calendar is the contract's, from `twostep-protocol`.

use twostep_protocol::CivilTime;

/// "m:ss" for a duration in milliseconds, rounded up to the next second.
pub fn countdown(ms: u64) -> String {
    let secs = ms.div_ceil(1000);
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// Unix milliseconds plus an offset east of UTC, as a civil date and time.
fn civil(ms: u64, offset_minutes: i32) -> CivilTime {
    CivilTime::from_unix_secs((ms / 1000) as i64 + i64::from(offset_minutes) * 60)
}

/// "10:42": the local clock time of `ms`.
pub fn clock_time(ms: u64, offset_minutes: i32) -> String {
    let c = civil(ms, offset_minutes);
    format!("{:02}:{:02}", c.hour, c.minute)
}

fn date_time(c: CivilTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// RFC 3339 in UTC: "2026-11-28T19:42:05Z".
pub fn rfc3339(ms: u64) -> String {
    twostep_protocol::rfc3339((ms / 1000) as i64)
}

/// "+01:00" for an offset east of UTC in minutes.
pub fn utc_offset(offset_minutes: i32) -> String {
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let m = offset_minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The local time with its UTC offset (and zone name when known), then UTC:
/// "2026-11-28 20:42:05 UTC+01:00 (Europe/Amsterdam) / 2026-11-28 19:42:05 UTC".
pub fn timestamp(ms: u64, offset_minutes: i32, zone: Option<&str>) -> String {
    let local = date_time(civil(ms, offset_minutes));
    let utc = date_time(civil(ms, 0));
    let offset = utc_offset(offset_minutes);
    match zone.filter(|z| !z.is_empty()) {
        Some(z) => format!("{local} UTC{offset} ({z}) / {utc} UTC"),
        None => format!("{local} UTC{offset} / {utc} UTC"),
    }
}

/// Masks a target that arrived with too much of it visible, for display: the
/// contract's rule, from the protocol crate.
pub use twostep_protocol::mask_target;

/// The page address without query or fragment, which may carry tokens.
pub fn page_url(href: &str) -> String {
    href.split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// `url` if it is safe to put in a link: `https:`, `http:` or `mailto:` only,
/// so that a `javascript:` URL can never become a link.
pub fn safe_link(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len())
        .then_some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-28T19:42:05Z
    const T: u64 = 1_795_894_925_000;

    #[test]
    fn countdowns_round_up() {
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(1), "0:01");
        assert_eq!(countdown(59_001), "1:00");
        assert_eq!(countdown(600_000), "10:00");
    }

    #[test]
    fn timestamps_show_local_offset_and_utc() {
        assert_eq!(
            timestamp(T, 60, Some("Europe/Amsterdam")),
            "2026-11-28 20:42:05 UTC+01:00 (Europe/Amsterdam) / 2026-11-28 19:42:05 UTC"
        );
        assert_eq!(
            timestamp(T, -330, None),
            "2026-11-28 14:12:05 UTC-05:30 / 2026-11-28 19:42:05 UTC"
        );
        // Across midnight and a year boundary.
        assert_eq!(
            timestamp(1_767_225_600_000, -60, None),
            "2025-12-31 23:00:00 UTC-01:00 / 2026-01-01 00:00:00 UTC"
        );
        assert_eq!(clock_time(T, 0), "19:42");
        assert_eq!(rfc3339(T), "2026-11-28T19:42:05Z");
    }

    #[test]
    fn leap_days_are_dated_right() {
        // 2028-02-29T12:00:00Z
        assert_eq!(
            timestamp(1_835_438_400_000, 0, None),
            "2028-02-29 12:00:00 UTC+00:00 / 2028-02-29 12:00:00 UTC"
        );
    }

    #[test]
    fn unmasked_numbers_are_masked() {
        assert_eq!(mask_target("+1 555 010 0112"), "+• ••• ••• ••12");
        assert_eq!(mask_target("••••••12"), "••••••12");
        assert_eq!(mask_target("a•••@contoso.com"), "a•••@contoso.com");
    }

    #[test]
    fn only_web_and_mail_links_pass() {
        assert_eq!(
            safe_link(" https://help.example "),
            Some("https://help.example")
        );
        assert_eq!(
            safe_link("mailto:it@contoso.com"),
            Some("mailto:it@contoso.com")
        );
        assert_eq!(safe_link("javascript:alert(1)"), None);
        assert_eq!(safe_link("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_link("data:text/html,hi"), None);
        assert_eq!(safe_link("https://"), None);
    }

    #[test]
    fn page_urls_lose_query_and_fragment() {
        assert_eq!(
            page_url("https://login.example/mfa?token=abc#x"),
            "https://login.example/mfa"
        );
        assert_eq!(page_url("http://127.0.0.1:8460/"), "http://127.0.0.1:8460/");
    }
}
