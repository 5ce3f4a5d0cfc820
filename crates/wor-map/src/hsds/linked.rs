//! The tables linked to a service on import: location and address, schedules, cost, languages,
//! accessibility.

use super::*;

impl<'a> Context<'a> {
    /// The location and a municipality name found in its address.
    pub(super) fn location(
        &self,
        location_id: &str,
        problems: &mut Vec<String>,
    ) -> (Option<Location>, Option<String>) {
        if location_id.is_empty() {
            problems.push("no location (service_at_location)".to_string());
            return (None, None);
        }
        let locations = self.t.get("locations");
        let Some(&row) = self.locations.get(location_id).and_then(|r| r.first()) else {
            problems.push(format!("location '{location_id}' not found in locations"));
            return (None, None);
        };
        let addresses = self.t.get("addresses");
        let address_rows = Self::rows(&self.addresses_by_location, location_id);
        let address_row = address_rows
            .iter()
            .copied()
            .find(|&r| {
                addresses
                    .get(r, "address_type")
                    .eq_ignore_ascii_case("physical")
            })
            .or_else(|| address_rows.first().copied());
        let (address, postcode, hint) = match address_row {
            None => {
                problems.push("no address".to_string());
                (String::new(), String::new(), None)
            }
            Some(r) => {
                let line1 = addresses.get(r, "address_1");
                let line2 = addresses.get(r, "address_2");
                let address = if line2.is_empty() {
                    line1.to_string()
                } else {
                    format!("{line1}, {line2}")
                };
                let postcode = addresses.get(r, "postal_code").to_string();
                let region = addresses.get(r, "region");
                let city = addresses.get(r, "city");
                let hint = [region, city]
                    .into_iter()
                    .find(|n| geo::municipality(n).is_some())
                    .map(str::to_string)
                    .or_else(|| {
                        pc4_of(&postcode)
                            .and_then(geo::pc4)
                            .map(|a| a.municipality.code.to_string())
                    })
                    .or_else(|| {
                        [city, region]
                            .into_iter()
                            .find(|n| !n.is_empty())
                            .map(str::to_string)
                    });
                (address, postcode, hint)
            }
        };

        let coordinate = |column: &str, limit: f64, problems: &mut Vec<String>| -> Option<f64> {
            let v = locations.get(row, column);
            if v.is_empty() {
                return None;
            }
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() => {
                    if x.abs() > limit {
                        problems.push(format!("{column} {v} is not a valid coordinate"));
                    }
                    Some(x)
                }
                _ => {
                    problems.push(format!("{column} '{v}' is not a number"));
                    None
                }
            }
        };
        let lat = coordinate("latitude", 90.0, problems);
        let lon = coordinate("longitude", 180.0, problems);
        let (lat, lon) = match (lat, lon) {
            (Some(lat), Some(lon)) => (lat, lon),
            _ => match pc4_of(&postcode).and_then(geo::pc4) {
                Some(a) => {
                    problems.push(format!(
                        "no coordinates: the centre of PC4 {} is used",
                        a.pc4
                    ));
                    (a.lat, a.lon)
                }
                None => (0.0, 0.0),
            },
        };
        (
            Some(Location {
                address,
                postcode,
                lat,
                lon,
            }),
            hint,
        )
    }

    /// Weekly slots from the service's schedules; also the validity they share, if any.
    #[allow(clippy::type_complexity)]
    pub(super) fn schedule(
        &self,
        service_id: &str,
        sal_rows: &[usize],
        problems: &mut Vec<String>,
    ) -> (Schedule, (Option<String>, Option<String>)) {
        let schedules = self.t.get("schedules");
        let sal = self.t.get("service_at_location");
        let mut rows = Self::rows(&self.schedules_by_service, service_id);
        for &s in sal_rows {
            rows.extend(Self::rows(&self.schedules_by_sal, sal.get(s, "id")));
        }
        let mut seen = BTreeSet::new();
        rows.retain(|r| seen.insert(*r));
        if rows.is_empty() {
            return (Schedule::Text(BY_APPOINTMENT.to_string()), (None, None));
        }
        let mut slots = Vec::new();
        let mut texts = Vec::new();
        for &r in &rows {
            let freq = schedules.get(r, "freq").to_ascii_uppercase();
            let interval = schedules.get(r, "interval");
            let byday = schedules.get(r, "byday");
            let (opens, closes) = (schedules.get(r, "opens_at"), schedules.get(r, "closes_at"));
            if byday.is_empty() && opens.is_empty() {
                let text = schedules.get(r, "description");
                if !text.is_empty() {
                    texts.push(shorten(text, 80));
                }
                continue;
            }
            if !matches!(freq.as_str(), "" | "WEEKLY") || !matches!(interval, "" | "1") {
                problems.push(format!(
                    "schedule '{}' repeats {} (interval {}): imported as weekly",
                    schedules.get(r, "id"),
                    if freq.is_empty() { "?" } else { &freq },
                    if interval.is_empty() { "1" } else { interval }
                ));
            }
            let (Some(start), Some(end)) = (clock(opens), clock(closes)) else {
                problems.push(format!(
                    "schedule '{}' has no usable opens_at/closes_at ('{opens}'-'{closes}')",
                    schedules.get(r, "id")
                ));
                continue;
            };
            if byday.is_empty() {
                problems.push(format!(
                    "schedule '{}' names no day (byday)",
                    schedules.get(r, "id")
                ));
                continue;
            }
            for part in byday.split(',') {
                let code = part
                    .trim()
                    .trim_start_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit());
                let Some(day) = weekday(code) else {
                    problems.push(format!("'{}' is not a day (MO..SU)", part.trim()));
                    continue;
                };
                match parse_slot(day, &start, &end) {
                    Ok(_) => slots.push(Slot {
                        day: day.to_string(),
                        start: start.clone(),
                        end: end.clone(),
                    }),
                    Err(e) => problems.push(format!("schedule: {}", e.message)),
                }
            }
        }
        let field = |column: &str| -> Option<String> {
            let first = schedules.get(rows[0], column);
            (!first.is_empty() && rows.iter().all(|&r| schedules.get(r, column) == first))
                .then(|| first.to_string())
        };
        let validity = (field("valid_from"), field("valid_to"));
        if slots.is_empty() {
            problems.push(if texts.is_empty() {
                "no usable weekly time in schedules: set to by_appointment".to_string()
            } else {
                format!(
                    "schedule given only as text ('{}'): set to by_appointment",
                    texts.join("' / '")
                )
            });
            return (Schedule::Text(BY_APPOINTMENT.to_string()), validity);
        }
        (Schedule::Slots(slots), validity)
    }

    pub(super) fn cost(&self, service_id: &str, problems: &mut Vec<String>) -> f64 {
        let costs = self.t.get("cost_options");
        let rows = Self::rows(&self.costs_by_service, service_id);
        let mut amounts = Vec::new();
        for &r in &rows {
            let amount = costs.get(r, "amount");
            let text = format!(
                "{} {}",
                costs.get(r, "option"),
                costs.get(r, "amount_description")
            )
            .to_lowercase();
            let free = text.contains("free") || text.contains("gratis");
            let value = match amount.parse::<f64>() {
                Ok(a) if a.is_finite() && a >= 0.0 => a,
                _ if free => 0.0,
                _ => {
                    problems.push(format!("cost amount '{amount}' is not a number: ignored"));
                    continue;
                }
            };
            let currency = costs.get(r, "currency");
            if !currency.is_empty() && !currency.eq_ignore_ascii_case("eur") && value > 0.0 {
                problems.push(format!(
                    "cost {amount} {currency} taken as euros without conversion"
                ));
            }
            let per = costs.get(r, "amount_description").to_lowercase();
            if value > 0.0 && !per.is_empty() && !(per.contains("maand") || per.contains("month")) {
                problems.push(format!(
                    "cost {amount} is '{}', taken as per month",
                    costs.get(r, "amount_description")
                ));
            }
            amounts.push(value);
        }
        if amounts.len() > 1 {
            problems.push(format!(
                "{} cost options: the lowest is used",
                amounts.len()
            ));
        }
        match amounts.into_iter().reduce(f64::min) {
            Some(a) => a,
            None => {
                problems.push("no cost_options amount: cost 0 assumed".to_string());
                0.0
            }
        }
    }

    pub(super) fn languages(
        &self,
        service_id: &str,
        location_id: &str,
        problems: &mut Vec<String>,
    ) -> Vec<String> {
        let languages = self.t.get("languages");
        let mut rows = Self::rows(&self.languages_by_service, service_id);
        if rows.is_empty() {
            rows = Self::rows(&self.languages_by_location, location_id);
        }
        let mut out: Vec<String> = Vec::new();
        for r in rows {
            let (code, name) = (languages.get(r, "code"), languages.get(r, "name"));
            match language_code(code).or_else(|| language_code(name)) {
                Some(c) if !out.iter().any(|x| x == c) => out.push(c.to_string()),
                Some(_) => {}
                None => problems.push(format!("language '{code}' / '{name}' not recognised")),
            }
        }
        out
    }

    pub(super) fn wheelchair(&self, location_id: &str) -> bool {
        let table = self.t.get("accessibility");
        Self::rows(&self.accessibility_by_location, location_id)
            .into_iter()
            .any(|r| {
                let text = format!(
                    "{} {}",
                    table.get(r, "description"),
                    table.get(r, "details")
                )
                .to_lowercase();
                let mentions = text.contains("wheelchair") || text.contains("rolstoel");
                let negated = [
                    "not wheelchair",
                    "no wheelchair",
                    "not accessible",
                    "niet rolstoel",
                    "geen rolstoel",
                    "niet toegankelijk",
                    "inaccessible",
                ]
                .iter()
                .any(|n| text.contains(n));
                mentions && !negated
            })
    }
}
