//! Civil dates and RFC 3339 timestamps, without a date library (the widget's
//! bundle cannot afford one, and the contract needs only UTC to the second).

/// A civil (proleptic Gregorian) date and time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CivilTime {
    /// The year, such as 2026.
    pub year: i64,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 31.
    pub day: u32,
    /// The hour, 0 to 23.
    pub hour: u32,
    /// The minute, 0 to 59.
    pub minute: u32,
    /// The second, 0 to 59.
    pub second: u32,
}

impl CivilTime {
    /// The civil time `secs` seconds after 1970-01-01T00:00:00 (negative:
    /// before it). Add a zone's offset to `secs` first for its local time.
    pub fn from_unix_secs(secs: i64) -> CivilTime {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        CivilTime {
            year,
            month,
            day,
            hour: (rem / 3600) as u32,
            minute: (rem % 3600 / 60) as u32,
            second: (rem % 60) as u32,
        }
    }
}

/// `secs` after the Unix epoch as RFC 3339 in UTC, whole seconds, with a `Z`:
/// `2026-11-28T19:42:05Z`, as error envelopes carry it.
pub fn rfc3339(unix_secs: i64) -> String {
    let c = CivilTime::from_unix_secs(unix_secs);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// Whether `t` has the shape of an RFC 3339 date and time: `YYYY-MM-DDTHH:MM:SS`,
/// then optional fractions and a `Z` or a numeric offset.
pub fn looks_like_rfc3339(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && (b[10] == b'T' || b[10] == b't')
        && b[13] == b':'
        && b[16] == b':'
        && (t.ends_with('Z') || t.ends_with('z') || t[19..].contains(['+', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_234_567_890), "2009-02-13T23:31:30Z");
        assert_eq!(rfc3339(1_795_894_925), "2026-11-28T19:42:05Z");
        assert_eq!(rfc3339(4_102_444_799), "2099-12-31T23:59:59Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn civil_times_cross_days_and_leap_days() {
        let leap = CivilTime::from_unix_secs(1_835_438_400);
        assert_eq!(
            (leap.year, leap.month, leap.day, leap.hour),
            (2028, 2, 29, 12)
        );
        // One hour west of UTC at the first second of 2026.
        let local = CivilTime::from_unix_secs(1_767_225_600 - 3600);
        assert_eq!(
            (local.year, local.month, local.day, local.hour),
            (2025, 12, 31, 23)
        );
    }

    #[test]
    fn timestamps_are_recognised() {
        for t in [
            "2026-11-28T19:42:05Z",
            "2026-11-28t19:42:05z",
            "2026-11-28T19:42:05.123Z",
            "2026-11-28T20:42:05+01:00",
            "2026-11-28T18:42:05-01:00",
            &rfc3339(1_795_894_925),
        ] {
            assert!(looks_like_rfc3339(t), "{t}");
        }
        for t in [
            "",
            "2026-11-28",
            "2026-11-28 19:42:05Z",
            "2026-11-28T19:42:05",
            "yesterday at noon!!",
        ] {
            assert!(!looks_like_rfc3339(t), "{t}");
        }
    }
}
