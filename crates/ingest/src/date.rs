//! Dates in the forms news pages use, normalised to ISO 8601.

/// Parses a date (and time, and zone when given) and returns it in ISO 8601: `2022-05-16`,
/// `2022-05-16T11:33:00` (no zone stated) or `2022-05-16T11:33:00+01:00`.
///
/// Accepts ISO 8601 and its common variants (`2022-05-16 11:33:00`, `+0100`, fractional
/// seconds), RFC 2822 (`Mon, 16 May 2022 11:33:00 GMT`), and written dates such as
/// `Monday 16 May 2022 11:33 BST`, `May 16, 2022 at 11:33 a.m. EDT`, `16/05/2022`.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 120 {
        return None;
    }
    iso(s).or_else(|| written(s))
}

fn two(n: u32) -> String {
    format!("{n:02}")
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return false,
    };
    (1000..=2999).contains(&y) && (1..=days).contains(&d)
}

fn emit(
    y: u32,
    m: u32,
    d: u32,
    time: Option<(u32, u32, u32)>,
    zone: Option<i32>,
) -> Option<String> {
    if !valid(y, m, d) {
        return None;
    }
    let mut out = format!("{y:04}-{}-{}", two(m), two(d));
    if let Some((h, mi, se)) = time {
        if h > 23 || mi > 59 || se > 60 {
            return None;
        }
        out.push_str(&format!("T{}:{}:{}", two(h), two(mi), two(se)));
        if let Some(z) = zone {
            if z == 0 {
                out.push('Z');
            } else {
                let sign = if z < 0 { '-' } else { '+' };
                let a = z.unsigned_abs();
                out.push_str(&format!("{sign}{}:{}", two(a / 60), two(a % 60)));
            }
        }
    }
    Some(out)
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:]MM]`
fn iso(s: &str) -> Option<String> {
    // An ISO date is ASCII; the fixed-position slices below need it to be.
    if !s.is_ascii() {
        return None;
    }
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(&s[0..4])?, num(&s[5..7])?, num(&s[8..10])?);
    let rest = &s[10..];
    if rest.is_empty() {
        return emit(y, m, d, None, None);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let rb = rest.as_bytes();
    if rb.len() < 5 || rb[2] != b':' {
        return None;
    }
    let h = num(&rest[0..2])?;
    let mi = num(&rest[3..5])?;
    let mut i = 5;
    let mut se = 0;
    if rb.len() >= 8 && rb[5] == b':' {
        se = num(&rest[6..8])?;
        i = 8;
    }
    if rb.get(i) == Some(&b'.') || rb.get(i) == Some(&b',') {
        i += 1;
        while rb.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let zone_s = rest[i..].trim();
    let zone = if zone_s.is_empty() {
        None
    } else {
        Some(offset(zone_s)?)
    };
    emit(y, m, d, Some((h, mi, se)), zone)
}

/// `Z`, `+01:00`, `+0100`, `+01`, or a zone abbreviation: minutes east of UTC.
fn offset(z: &str) -> Option<i32> {
    if z.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    if let Some(rest) = z.strip_prefix('+').or_else(|| z.strip_prefix('-')) {
        let sign = if z.starts_with('-') { -1 } else { 1 };
        let digits: String = rest.chars().filter(|c| *c != ':').collect();
        let (h, m) = match digits.len() {
            2 => (num(&digits)?, 0),
            4 => (num(&digits[..2])?, num(&digits[2..])?),
            _ => return None,
        };
        if h > 14 || m > 59 {
            return None;
        }
        return Some(sign * (h * 60 + m) as i32);
    }
    zone_abbreviation(z)
}

fn zone_abbreviation(z: &str) -> Option<i32> {
    Some(match z.to_ascii_uppercase().as_str() {
        "Z" | "UTC" | "GMT" | "UT" | "WET" => 0,
        "BST" | "CET" | "WEST" | "WAT" => 60,
        "CEST" | "EET" | "SAST" | "CAT" => 120,
        "EEST" | "MSK" | "EAT" => 180,
        "IST" => 330,
        "HKT" | "SGT" | "AWST" | "PHT" => 480,
        "JST" | "KST" => 540,
        "AEST" => 600,
        "AEDT" => 660,
        "NZST" => 720,
        "NZDT" => 780,
        "EST" => -300,
        "EDT" => -240,
        "CST" => -360,
        "CDT" => -300,
        "MST" => -420,
        "MDT" => -360,
        "PST" => -480,
        "PDT" => -420,
        "AKST" => -540,
        "AKDT" => -480,
        "HST" => -600,
        _ => return None,
    })
}

/// The month number of a month name or abbreviation ("May", "Sept.", "janvier" is not handled).
pub(crate) fn month(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w))
        .map(|i| i as u32 + 1)
}

pub(crate) fn is_weekday(w: &str) -> bool {
    let w = w.trim_end_matches(['.', ',']).to_ascii_lowercase();
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    w.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&w))
}

/// Written dates: a day, a month name and a year in either order, an optional time
/// (`11:33`, `11:33:05`, `11.33am`, `3 p.m.`) and an optional zone.
fn written(s: &str) -> Option<String> {
    let cleaned: String = s
        .chars()
        .map(|c| if c == ',' || c == '|' { ' ' } else { c })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let (mut y, mut m, mut d) = (None, None, None);
    let mut time: Option<(u32, u32, u32)> = None;
    let mut zone: Option<i32> = None;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let lw = w.trim_end_matches(':').to_ascii_lowercase();
        if is_weekday(w)
            || matches!(
                lw.as_str(),
                "at" | "on"
                    | "updated"
                    | "published"
                    | "posted"
                    | "the"
                    | "of"
                    | "last"
                    | "modified"
            )
        {
            i += 1;
            continue;
        }
        if let Some(mo) = month(w).filter(|_| m.is_none()) {
            m = Some(mo);
        } else if let Some((h, mi, se, used)) = clock(&words[i..]) {
            time = Some((h, mi, se));
            i += used;
            continue;
        } else if let Some(z) = offset(w).filter(|_| time.is_some() && zone.is_none()) {
            zone = Some(z);
        } else if let Some((a, b, c)) = slashed(w) {
            // dd/mm/yyyy (day first, as in most of the world; mm/dd when the day cannot be a month)
            let (dd, mm) = if a > 12 {
                (a, b)
            } else if b > 12 {
                (b, a)
            } else {
                (a, b)
            };
            d = Some(dd);
            m = Some(mm);
            y = Some(c);
        } else {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            match num(digits) {
                Some(n) if digits.len() == 4 && y.is_none() => y = Some(n),
                Some(n)
                    if digits.len() <= 2
                        && d.is_none()
                        && matches!(
                            suffix.to_ascii_lowercase().as_str(),
                            "" | "st" | "nd" | "rd" | "th"
                        ) =>
                {
                    d = Some(n)
                }
                _ => {
                    if zone.is_none() && time.is_some() {
                        // an unknown word after the time: stop
                        break;
                    }
                    return None;
                }
            }
        }
        i += 1;
    }
    emit(y?, m?, d?, time, zone.filter(|_| time.is_some()))
}

fn slashed(w: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = w.split(['/', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    Some((num(parts[0])?, num(parts[1])?, num(parts[2])?))
}

/// A clock time at the start of `words`: `11:33`, `11:33:05`, `11.33am`, `3pm`, `3 p.m.`.
/// Returns hours, minutes, seconds and the number of words used.
fn clock(words: &[&str]) -> Option<(u32, u32, u32, usize)> {
    let w = words[0].to_ascii_lowercase();
    let (body, mut ampm) = split_ampm(&w);
    let mut used = 1;
    if ampm.is_none() {
        if let Some(next) = words.get(1) {
            let n = next.to_ascii_lowercase();
            if matches!(n.as_str(), "am" | "a.m." | "a.m" | "pm" | "p.m." | "p.m") {
                ampm = Some(n.starts_with('p'));
                used = 2;
            }
        }
    }
    let parts: Vec<&str> = body.split([':', '.']).collect();
    let (mut h, mi, se) = match parts.as_slice() {
        [h, m] if m.len() == 2 => (num(h)?, num(m)?, 0),
        [h, m, s] if m.len() == 2 && s.len() == 2 => (num(h)?, num(m)?, num(s)?),
        [h] if ampm.is_some() => (num(h)?, 0, 0),
        _ => return None,
    };
    if parts[0].len() > 2 {
        return None;
    }
    if let Some(pm) = ampm {
        if h == 0 || h > 12 {
            return None;
        }
        if pm && h != 12 {
            h += 12;
        } else if !pm && h == 12 {
            h = 0;
        }
    }
    Some((h, mi, se, used))
}

fn split_ampm(w: &str) -> (&str, Option<bool>) {
    for (suffix, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if let Some(body) = w.strip_suffix(suffix) {
            if !body.is_empty() {
                return (body, Some(pm));
            }
        }
    }
    (w, None)
}

#[cfg(test)]
mod tests {
    use super::parse_date as p;

    #[test]
    fn iso_forms() {
        assert_eq!(p("2022-05-16").as_deref(), Some("2022-05-16"));
        assert_eq!(
            p("2022-05-16T11:33:00Z").as_deref(),
            Some("2022-05-16T11:33:00Z")
        );
        assert_eq!(
            p("2022-05-16T11:33:00.000+0100").as_deref(),
            Some("2022-05-16T11:33:00+01:00")
        );
        assert_eq!(
            p("2022-05-16 11:33").as_deref(),
            Some("2022-05-16T11:33:00")
        );
        assert_eq!(
            p("2022-05-16T11:33:00-04:00").as_deref(),
            Some("2022-05-16T11:33:00-04:00")
        );
        assert_eq!(p("2022-02-30"), None);
    }

    #[test]
    fn written_forms() {
        assert_eq!(
            p("Monday 16 May 2022 11:33 BST").as_deref(),
            Some("2022-05-16T11:33:00+01:00")
        );
        assert_eq!(
            p("Tue, 05 Mar 2019 09:30:00 GMT").as_deref(),
            Some("2019-03-05T09:30:00Z")
        );
        assert_eq!(
            p("May 16, 2022 at 3:05 p.m. EDT").as_deref(),
            Some("2022-05-16T15:05:00-04:00")
        );
        assert_eq!(p("March 5th, 2019").as_deref(), Some("2019-03-05"));
        assert_eq!(
            p("Sept. 9, 2021 12:00am").as_deref(),
            Some("2021-09-09T00:00:00")
        );
        assert_eq!(p("16/05/2022").as_deref(), Some("2022-05-16"));
        assert_eq!(
            p("Updated: 5 March 2019, 10.15am").as_deref(),
            Some("2019-03-05T10:15:00")
        );
        assert_eq!(p("the mayor said on Monday"), None);
        assert_eq!(p("16 May"), None);
    }
}
