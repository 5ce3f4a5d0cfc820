//! Where distances are measured from: the resident's PC4 centroid or municipality centre.

use crate::error::{Code, FieldError};
use crate::geo::{self, Point};
use crate::json::{shown, shown_value};
use crate::referral::Referral;
use serde::Serialize;

/// The point distances are measured from, and how to say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Origin {
    /// The PC4 area whose centroid is used; absent when only the municipality is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub pc4: Option<u16>,
    pub municipality: &'static str,
    /// "vanaf postcodegebied 1181" or "vanaf het centrum van Amstelveen".
    pub nl: String,
    pub en: String,
}

impl Origin {
    pub(super) fn new(pc4: Option<u16>, municipality: &'static geo::Municipality) -> Origin {
        let name = municipality.name;
        let (nl, en) = match pc4 {
            Some(pc4) => (
                format!("vanaf postcodegebied {pc4}"),
                format!("from postcode area {pc4}"),
            ),
            None => (
                format!("vanaf het centrum van {name}"),
                format!("from the centre of {name}"),
            ),
        };
        Origin {
            pc4,
            municipality: name,
            nl,
            en,
        }
    }
}

/// The resident's point: PC4 centroid when the postcode is known, else the municipality's centre.
pub fn resident_location(r: &Referral) -> Result<(Point, &'static geo::Municipality), FieldError> {
    resident_origin(r).map(|(point, origin)| (point, origin.1))
}

/// The resident's point, with the PC4 it stands for (none: the municipality's centre).
pub(super) fn resident_origin(
    r: &Referral,
) -> Result<(Point, (Option<u16>, &'static geo::Municipality)), FieldError> {
    if let Some(pc4) = r.pc4() {
        if let Some(a) = geo::pc4(pc4) {
            return Ok((
                Point {
                    lat: a.lat,
                    lon: a.lon,
                },
                (Some(pc4), a.municipality),
            ));
        }
    }
    if let Some(name) = r.municipality.as_deref() {
        return geo::municipality(name)
            .map(|m| {
                (
                    Point {
                        lat: m.lat,
                        lon: m.lon,
                    },
                    (None, m),
                )
            })
            .ok_or_else(|| crate::referral::unknown_municipality(name));
    }
    let postcode = r.postcode.as_deref().unwrap_or("");
    Err(FieldError::new(
        "postcode",
        Code::UnknownValue,
        format!(
            "postcode {} is not in the regions' PC4 table; add the municipality",
            shown(postcode)
        ),
    )
    .with("value", shown_value(postcode)))
}
