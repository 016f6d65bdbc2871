//! The value model: every number, ordinal, duration and date read from prose is an
//! interval with the words that bound it, so that hedged statements compare honestly.
//!
//! "over four hours" is `[4 h, unbounded)` with mod `more`; "almost four years" is
//! `[3.6 y, 4 y]` with mod `less`; "December 2" in an article of 2025-12-03 is the day
//! 2025-12-02. Two values agree when their intervals overlap.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// Relative width of an `approx` value ("about five hours" is 4.5 h to 5.5 h), and of
/// the near side of a `less` value ("almost four years" is 3.6 y to 4 y).
///
/// Ten percent is what reporters mean by "about" for the magnitudes news deals with;
/// a wider band would let "about 20 points" agree with 19 and hide a real revision.
pub const APPROX_TOLERANCE: f64 = 0.10;

/// Seconds in each duration unit. A month is 30 days and a year 365 days, as the
/// design fixes, so that "half a century" and "50 years" are the same value.
pub mod seconds {
    /// One minute.
    pub const MINUTE: f64 = 60.0;
    /// One hour.
    pub const HOUR: f64 = 3_600.0;
    /// One day.
    pub const DAY: f64 = 86_400.0;
    /// One week.
    pub const WEEK: f64 = 7.0 * DAY;
    /// One month (30 days).
    pub const MONTH: f64 = 30.0 * DAY;
    /// One year (365 days).
    pub const YEAR: f64 = 365.0 * DAY;
}

/// How the words around a value bound it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mod {
    /// Stated plainly: "five hours", "a 15-year term", or a range "30 to 50 years".
    Exact,
    /// "about", "around", "roughly", "some", "approximately".
    Approx,
    /// "over", "more than": the value or above.
    More,
    /// "almost", "nearly", "just under", "less than": the value or just below.
    Less,
    /// "up to", "as long as", "as many as", "at most": anything up to the value.
    UpTo,
    /// "at least", "no less than": the value or above, stated as a floor.
    AtLeast,
}

/// A hedged quantity: the value the text names and the interval it allows.
/// `None` bounds are unbounded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Amount {
    /// The figure the text names (for a range, its high end).
    pub value: f64,
    /// How the text bounds it.
    pub modifier: Mod,
    /// Lowest value the text allows.
    pub min: Option<f64>,
    /// Highest value the text allows.
    pub max: Option<f64>,
}

impl Amount {
    /// A value stated plainly.
    pub fn exact(value: f64) -> Amount {
        Amount { value, modifier: Mod::Exact, min: Some(value), max: Some(value) }
    }

    /// A range stated plainly ("30 to 50"); the value is its high end.
    pub fn range(low: f64, high: f64) -> Amount {
        let (low, high) = if low <= high { (low, high) } else { (high, low) };
        Amount { value: high, modifier: Mod::Exact, min: Some(low), max: Some(high) }
    }

    /// A vague quantity with explicit bounds ("a few" is about 3, from 2 to 5).
    pub fn vague(value: f64, low: f64, high: f64) -> Amount {
        Amount { value, modifier: Mod::Approx, min: Some(low), max: Some(high) }
    }

    /// Bound this amount by a hedge word; a hedge on a hedged amount keeps the outer one.
    pub fn hedged(self, hedge: Hedge) -> Amount {
        let low = self.min.unwrap_or(self.value);
        let high = self.max.unwrap_or(self.value);
        let (modifier, min, max) = match hedge {
            Hedge::Exactly => (Mod::Exact, Some(low), Some(high)),
            Hedge::About => (Mod::Approx, Some(low * (1.0 - APPROX_TOLERANCE)), Some(high * (1.0 + APPROX_TOLERANCE))),
            Hedge::Over => (Mod::More, Some(low), None),
            Hedge::AtLeast => (Mod::AtLeast, Some(low), None),
            Hedge::Almost => (Mod::Less, Some(low * (1.0 - APPROX_TOLERANCE)), Some(high)),
            Hedge::Under => (Mod::Less, Some(0.0_f64.min(low)), Some(high)),
            Hedge::UpTo => (Mod::UpTo, Some(0.0_f64.min(low)), Some(high)),
        };
        Amount { value: self.value, modifier, min, max }
    }

    /// Multiply value and bounds, as when "five" becomes "five hours" in seconds.
    pub fn scaled(self, factor: f64) -> Amount {
        Amount {
            value: self.value * factor,
            modifier: self.modifier,
            min: self.min.map(|m| m * factor),
            max: self.max.map(|m| m * factor),
        }
    }

    /// This amount with the band of an "about" hedge `tolerance` wide on each side
    /// instead of [`APPROX_TOLERANCE`] (a user's setting for one kind of claim). Amounts
    /// that no "about" bounded (exact ones, "over", "a few" with its own range) are
    /// returned as they are.
    pub fn with_approx_tolerance(self, tolerance: f64) -> Amount {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
        match (self.modifier, self.min, self.max) {
            (Mod::Approx, Some(min), Some(max)) if close(max, self.value * (1.0 + APPROX_TOLERANCE)) => {
                let low = min / (1.0 - APPROX_TOLERANCE);
                Amount { min: Some(low * (1.0 - tolerance)), max: Some(self.value * (1.0 + tolerance)), ..self }
            }
            _ => self,
        }
    }

    /// Whether the two intervals share at least one point (bounds are inclusive). Two
    /// figures that are both "about" something agree only where one of them lies in the
    /// other's band: "roughly 900,000" and "an estimated 750,000" are two estimates that
    /// disagree, though their bands touch; "about 19" and "about 20" agree.
    pub fn overlaps(&self, other: &Amount) -> bool {
        let below = |max: Option<f64>, min: Option<f64>| match (max, min) {
            (Some(max), Some(min)) => max < min - 1e-9 * min.abs().max(1.0),
            _ => false,
        };
        let touching = !below(self.max, other.min) && !below(other.max, self.min);
        if !touching || self.modifier != Mod::Approx || other.modifier != Mod::Approx {
            return touching;
        }
        let within = |figure: f64, band: &Amount| {
            let slack = 1e-9 * figure.abs().max(1.0);
            band.min.is_none_or(|min| figure >= min - slack) && band.max.is_none_or(|max| figure <= max + slack)
        };
        within(self.value, other) || within(other.value, self)
    }
}

/// The hedge words, grouped by what they do to an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hedge {
    /// "exactly", "precisely", "a full".
    Exactly,
    /// "about", "around", "roughly", "some", "approximately", "... or so".
    About,
    /// "over", "more than", "in excess of", "upwards of".
    Over,
    /// "at least", "no less than", "... or more".
    AtLeast,
    /// "almost", "nearly", "close to", "just under", "approaching": just below.
    Almost,
    /// "less than", "fewer than", "under", "below": anything below.
    Under,
    /// "up to", "as long as", "as many as", "at most", "no more than".
    UpTo,
}

/// The unit a number carries, when the text gives one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberUnit {
    /// "90%", "95 percent".
    Percent,
    /// "$3 billion".
    Usd,
    /// "€2 million".
    Eur,
    /// "£40 million".
    Gbp,
}

/// How much of the calendar a date value covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    /// One day, or a run of days ("December 14-15").
    Day,
    /// Monday to Sunday ("next week").
    Week,
    /// Saturday and Sunday ("last weekend").
    Weekend,
    /// A calendar month, or part of one ("early December").
    Month,
    /// A calendar year.
    Year,
}

/// A date the text names but the article's date cannot place: a bare weekday, a day
/// of a month with no year, or a relative day with no publication date to count from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unplaced {
    /// "on Sunday" in an undated article.
    Weekday(Weekday),
    /// "December 2" or "December 14-15" in an undated article (days inclusive).
    MonthDays {
        /// Calendar month, 1-12.
        month: u32,
        /// First day.
        first: u32,
        /// Last day (the first for a single day).
        last: u32,
        /// A weekday the text gives with it ("Sunday, November 30").
        weekday: Option<Weekday>,
    },
    /// "in December" in an undated article.
    Month(u32),
    /// "yesterday", "next week", "three days ago" in an undated article.
    Relative {
        /// The words.
        text: String,
        /// How many days the words span once placed (1 for a day, 7 for a week).
        days: i64,
    },
}

/// A date value: a run of calendar days, or a date that could not be placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateValue {
    /// Days `start..=end` with the grain the text spoke in.
    Span {
        /// First day.
        start: NaiveDate,
        /// Last day, inclusive.
        end: NaiveDate,
        /// How much of the calendar the words cover.
        grain: Grain,
    },
    /// A date the words name without enough context to place it.
    Unplaced(Unplaced),
}

impl DateValue {
    /// A single day.
    pub fn day(date: NaiveDate) -> DateValue {
        DateValue::Span { start: date, end: date, grain: Grain::Day }
    }

    /// Whether the two dates can name the same day.
    pub fn overlaps(&self, other: &DateValue) -> bool {
        use DateValue::{Span, Unplaced as U};
        match (self, other) {
            (Span { start: a0, end: a1, .. }, Span { start: b0, end: b1, .. }) => a0 <= b1 && b0 <= a1,
            (Span { start, end, .. }, U(u)) | (U(u), Span { start, end, .. }) => span_admits(*start, *end, u),
            (U(a), U(b)) => unplaced_admit(a, b),
        }
    }
}

fn span_admits(start: NaiveDate, end: NaiveDate, unplaced: &Unplaced) -> bool {
    // Spans longer than a few weeks admit every weekday and month-day; stop early.
    let days = start.iter_days().take_while(|d| *d <= end).take(400);
    match unplaced {
        Unplaced::Weekday(w) => days.take(7).any(|d| d.weekday() == *w),
        Unplaced::MonthDays { month, first, last, .. } => {
            days.into_iter().any(|d| d.month() == *month && (*first..=*last).contains(&d.day()))
        }
        Unplaced::Month(m) => days.into_iter().any(|d| d.month() == *m),
        Unplaced::Relative { .. } => true,
    }
}

fn unplaced_admit(a: &Unplaced, b: &Unplaced) -> bool {
    use Unplaced::*;
    match (a, b) {
        (Weekday(x), Weekday(y)) => x == y,
        (MonthDays { month: m1, first: f1, last: l1, .. }, MonthDays { month: m2, first: f2, last: l2, .. }) => {
            m1 == m2 && f1 <= l2 && f2 <= l1
        }
        (MonthDays { month, .. }, Month(m)) | (Month(m), MonthDays { month, .. }) => month == m,
        (Month(x), Month(y)) => x == y,
        (Weekday(w), MonthDays { weekday: Some(v), .. }) | (MonthDays { weekday: Some(v), .. }, Weekday(w)) => w == v,
        _ => true,
    }
}

/// A value read from text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A count or amount ("28", "twenty-eight", "1.2 million", "90%").
    Number {
        /// The figure and its bounds.
        amount: Amount,
        /// Percent or currency, when given.
        unit: Option<NumberUnit>,
    },
    /// A rank ("sixth", "22nd").
    Ordinal(u32),
    /// A length of time, in seconds.
    Duration(Amount),
    /// A calendar date or range of dates.
    Date(DateValue),
}

impl Value {
    /// The name of this value's type in the JSON contract.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Number { .. } => "number",
            Value::Ordinal(_) => "ordinal",
            Value::Duration(_) => "duration",
            Value::Date(_) => "date",
        }
    }

    /// Whether two values can both be true: same type and overlapping intervals.
    pub fn overlaps(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number { amount: a, unit: u }, Value::Number { amount: b, unit: v }) => u == v && a.overlaps(b),
            (Value::Ordinal(a), Value::Ordinal(b)) => a == b,
            (Value::Duration(a), Value::Duration(b)) => a.overlaps(b),
            (Value::Date(a), Value::Date(b)) => a.overlaps(b),
            _ => false,
        }
    }

    /// This value with "about" bands `tolerance` wide ([`Amount::with_approx_tolerance`]).
    pub fn with_approx_tolerance(&self, tolerance: f64) -> Value {
        match self {
            Value::Number { amount, unit } => {
                Value::Number { amount: amount.with_approx_tolerance(tolerance), unit: *unit }
            }
            Value::Duration(amount) => Value::Duration(amount.with_approx_tolerance(tolerance)),
            other => other.clone(),
        }
    }

    /// Whether the value is a date that only a publication date can place: a weekday
    /// ("on Sunday") or words counted from the day of writing ("yesterday", "next week").
    pub fn awaits_date(&self) -> bool {
        matches!(self, Value::Date(DateValue::Unplaced(Unplaced::Weekday(_) | Unplaced::Relative { .. })))
    }

    /// Whether the value names one figure or day closely enough to identify what it is
    /// about: bounded, and no wider than a fifth of itself (a week, for dates).
    pub fn is_pointlike(&self) -> bool {
        let tight = |a: &Amount| match (a.min, a.max) {
            (Some(lo), Some(hi)) => hi - lo <= 0.2 * a.value.abs(),
            _ => false,
        };
        match self {
            Value::Number { amount, .. } | Value::Duration(amount) => tight(amount),
            Value::Ordinal(_) => true,
            Value::Date(DateValue::Span { start, end, .. }) => (*end - *start).num_days() < 7,
            Value::Date(DateValue::Unplaced(_)) => false,
        }
    }

    /// A short human rendering: "28", "more than 4 hours", "2025-12-02".
    pub fn display(&self) -> String {
        match self {
            Value::Number { amount, unit } => {
                let unit = match unit {
                    Some(NumberUnit::Percent) => "%",
                    Some(NumberUnit::Usd) => " USD",
                    Some(NumberUnit::Eur) => " EUR",
                    Some(NumberUnit::Gbp) => " GBP",
                    None => "",
                };
                format!("{}{}", describe_amount(amount, format_number), unit)
            }
            Value::Ordinal(n) => format!("#{n}"),
            Value::Duration(amount) => describe_amount(amount, format_duration),
            Value::Date(DateValue::Span { start, end, .. }) if start == end => start.to_string(),
            Value::Date(DateValue::Span { start, end, .. }) => format!("{start}..{end}"),
            Value::Date(DateValue::Unplaced(u)) => match u {
                Unplaced::Weekday(w) => format!("a {}", weekday_name(*w)),
                Unplaced::MonthDays { month, first, last, .. } if first == last => {
                    format!("--{month:02}-{first:02}")
                }
                Unplaced::MonthDays { month, first, last, .. } => {
                    format!("--{month:02}-{first:02}..--{month:02}-{last:02}")
                }
                Unplaced::Month(m) => format!("--{m:02}"),
                Unplaced::Relative { text, .. } => format!("\"{text}\" (no date to count from)"),
            },
        }
    }
}

fn describe_amount(amount: &Amount, fmt: impl Fn(f64) -> String) -> String {
    let fmt_opt = |v: Option<f64>| v.map(&fmt).unwrap_or_else(|| "?".into());
    match amount.modifier {
        Mod::Exact if amount.min != amount.max => {
            format!("{} to {}", fmt_opt(amount.min), fmt_opt(amount.max))
        }
        Mod::Exact => fmt(amount.value),
        Mod::Approx => format!("about {}", fmt(amount.value)),
        Mod::More => format!("more than {}", fmt(amount.value)),
        Mod::Less => format!("just under {}", fmt(amount.value)),
        Mod::UpTo => format!("up to {}", fmt(amount.value)),
        Mod::AtLeast => format!("at least {}", fmt(amount.value)),
    }
}

/// Print a number without a trailing `.0`, and with at most three decimals.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Print seconds in the largest unit that divides them well ("5 hours", "15 years").
pub fn format_duration(secs: f64) -> String {
    const UNITS: [(f64, &str); 7] = [
        (seconds::YEAR, "year"),
        (seconds::MONTH, "month"),
        (seconds::WEEK, "week"),
        (seconds::DAY, "day"),
        (seconds::HOUR, "hour"),
        (seconds::MINUTE, "minute"),
        (1.0, "second"),
    ];
    for (size, name) in UNITS {
        let n = secs / size;
        if n >= 1.0 && ((n * 4.0).round() - n * 4.0).abs() < 1e-6 {
            let plural = if (n - 1.0).abs() < 1e-9 { "" } else { "s" };
            return format!("{} {name}{plural}", format_number(n));
        }
    }
    format!("{} seconds", format_number(secs))
}

/// English name of a weekday, lower case.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// Serialize an `f64` as a JSON integer when it is whole, so 28 prints as `28`.
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Bounds computed with a tolerance carry float noise (3 h × 1.1 is
        // 11880.000000000002 s); nine significant digits are more than any text states.
        let v = self.0;
        let rounded = if v == 0.0 || !v.is_finite() {
            v
        } else {
            let scale = 10f64.powi(8 - v.abs().log10().floor() as i32);
            (v * scale).round() / scale
        };
        if rounded.fract() == 0.0 && rounded.abs() < 9.0e15 {
            s.serialize_i64(rounded as i64)
        } else {
            s.serialize_f64(rounded)
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("type", self.type_name())?;
        match self {
            Value::Number { amount, unit } => {
                map.serialize_entry("value", &Num(amount.value))?;
                map.serialize_entry("mod", &amount.modifier)?;
                map.serialize_entry("min", &amount.min.map(Num))?;
                map.serialize_entry("max", &amount.max.map(Num))?;
                if let Some(unit) = unit {
                    map.serialize_entry("unit", unit)?;
                }
            }
            Value::Ordinal(n) => map.serialize_entry("value", n)?,
            Value::Duration(amount) => {
                map.serialize_entry("seconds", &Num(amount.value))?;
                map.serialize_entry("mod", &amount.modifier)?;
                map.serialize_entry("min_seconds", &amount.min.map(Num))?;
                map.serialize_entry("max_seconds", &amount.max.map(Num))?;
            }
            Value::Date(DateValue::Span { start, end, grain }) => {
                map.serialize_entry("start", &start.to_string())?;
                map.serialize_entry("end", &end.to_string())?;
                map.serialize_entry("grain", grain)?;
            }
            Value::Date(DateValue::Unplaced(u)) => {
                map.serialize_entry("start", &None::<String>)?;
                map.serialize_entry("end", &None::<String>)?;
                match u {
                    Unplaced::Weekday(w) => {
                        map.serialize_entry("grain", "weekday")?;
                        map.serialize_entry("weekday", weekday_name(*w))?;
                    }
                    Unplaced::MonthDays { month, first, last, weekday } => {
                        map.serialize_entry("grain", "day")?;
                        map.serialize_entry("month", month)?;
                        map.serialize_entry("day", first)?;
                        if last != first {
                            map.serialize_entry("last_day", last)?;
                        }
                        if let Some(w) = weekday {
                            map.serialize_entry("weekday", weekday_name(*w))?;
                        }
                    }
                    Unplaced::Month(m) => {
                        map.serialize_entry("grain", "month")?;
                        map.serialize_entry("month", m)?;
                    }
                    Unplaced::Relative { text, .. } => {
                        map.serialize_entry("grain", "relative")?;
                        map.serialize_entry("relative", text)?;
                    }
                }
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(h: f64) -> Amount {
        Amount::exact(h * seconds::HOUR)
    }

    #[test]
    fn two_estimates_agree_only_when_one_lies_in_the_others_band() {
        let about = |v: f64| Amount::exact(v).hedged(Hedge::About);
        assert!(!about(900_000.0).overlaps(&about(750_000.0)), "bands touch, figures far apart");
        assert!(about(20.0).overlaps(&about(19.0)));
        assert!(about(90.0).overlaps(&about(90.0)));
        assert!(about(900_000.0).overlaps(&Amount::exact(820_000.0)), "a plain figure in the band");
    }

    #[test]
    fn hedged_intervals_overlap_as_a_reader_expects() {
        let five = hours(5.0);
        let over_four = hours(4.0).hedged(Hedge::Over);
        let nearly_five = hours(5.0).hedged(Hedge::Almost);
        let about_five = hours(5.0).hedged(Hedge::About);
        let over_five = hours(5.0).hedged(Hedge::Over);
        assert!(five.overlaps(&over_four));
        assert!(nearly_five.overlaps(&five));
        assert!(over_five.overlaps(&about_five));
        assert!(!hours(2.0).overlaps(&over_four));
        assert!(!Amount::exact(19.0).overlaps(&Amount::exact(20.0)));
        assert!(Amount::exact(19.0).overlaps(&Amount::exact(20.0).hedged(Hedge::About)));
        assert!(!hours(6.0).overlaps(&nearly_five));
    }

    #[test]
    fn a_wider_tolerance_widens_only_about_bands() {
        let about_five = hours(5.0).hedged(Hedge::About);
        assert!(!about_five.overlaps(&hours(6.0)));
        let wide = about_five.with_approx_tolerance(0.25);
        assert_eq!((wide.min, wide.max), (Some(3.75 * seconds::HOUR), Some(6.25 * seconds::HOUR)));
        assert!(wide.overlaps(&hours(6.0)));
        let about_range = Amount::range(30.0, 50.0).hedged(Hedge::About).with_approx_tolerance(0.0);
        assert_eq!((about_range.min, about_range.max), (Some(30.0), Some(50.0)));
        for untouched in [hours(5.0), hours(5.0).hedged(Hedge::Over), Amount::vague(3.0, 2.0, 5.0)] {
            assert_eq!(untouched.with_approx_tolerance(0.5), untouched);
        }
    }

    #[test]
    fn up_to_covers_everything_below() {
        let up_to_50 = Amount::exact(50.0).hedged(Hedge::UpTo);
        assert_eq!(up_to_50.min, Some(0.0));
        assert!(up_to_50.overlaps(&Amount::exact(15.0)));
        assert!(!up_to_50.overlaps(&Amount::exact(51.0)));
    }

    #[test]
    fn ranges_keep_their_high_end_as_value() {
        let r = Amount::range(50.0, 30.0);
        assert_eq!((r.value, r.min, r.max), (50.0, Some(30.0), Some(50.0)));
    }

    #[test]
    fn dates_overlap_by_days_and_weekdays() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let dec2 = DateValue::day(d(2025, 12, 2));
        let week = DateValue::Span { start: d(2025, 12, 1), end: d(2025, 12, 7), grain: Grain::Week };
        assert!(dec2.overlaps(&week));
        assert!(!dec2.overlaps(&DateValue::day(d(2025, 12, 3))));
        let sunday = DateValue::Unplaced(Unplaced::Weekday(Weekday::Sun));
        assert!(!dec2.overlaps(&sunday), "2025-12-02 is a Tuesday");
        assert!(DateValue::day(d(2025, 11, 30)).overlaps(&sunday));
        let dec_2_unplaced = DateValue::Unplaced(Unplaced::MonthDays { month: 12, first: 2, last: 2, weekday: None });
        assert!(dec2.overlaps(&dec_2_unplaced));
        assert!(!DateValue::day(d(2025, 12, 3)).overlaps(&dec_2_unplaced));
    }

    #[test]
    fn json_uses_integers_for_whole_values() {
        let v = Value::Number { amount: Amount::exact(28.0), unit: None };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"type":"number","value":28,"mod":"exact","min":28,"max":28}"#
        );
        let d = Value::Duration(hours(4.0).hedged(Hedge::Over));
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"type":"duration","seconds":14400,"mod":"more","min_seconds":14400,"max_seconds":null}"#
        );
    }

    #[test]
    fn json_bounds_carry_no_float_noise() {
        let d = Value::Duration(hours(3.0).hedged(Hedge::About));
        let json = serde_json::to_string(&d).unwrap();
        assert!(json.contains(r#""max_seconds":11880"#), "{json}");
        let p = Value::Number { amount: Amount::exact(0.1 + 0.2), unit: None };
        assert!(serde_json::to_string(&p).unwrap().contains(r#""value":0.3"#));
    }

    #[test]
    fn durations_print_in_their_natural_unit() {
        assert_eq!(format_duration(5.0 * seconds::HOUR), "5 hours");
        assert_eq!(format_duration(50.0 * seconds::YEAR), "50 years");
        assert_eq!(format_duration(1.5 * seconds::HOUR), "1.5 hours");
        assert_eq!(format_duration(seconds::DAY), "1 day");
    }
}
