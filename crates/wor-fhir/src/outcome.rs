//! What happened, back to the referrer: a closed historic case as a finished FHIR `Task`.
//!
//! The Task refers to the referral by its identifier (the ServiceRequest of the export), so a referral
//! system can attach it to the request it sent. Status `completed` when the social domain took the
//! resident into care (the plan's KPI "successful referral"), `failed` otherwise; the outputs carry the
//! first contact, conversations, what was offered and chosen, attendance and Positive Health.

use crate::codes::*;
use crate::ids::uuid;
use crate::model::*;
use wor_core::cases::HistoricCase;

/// Why a case gives no outcome Task yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotClosed;

impl std::fmt::Display for NotClosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the case is still open: no outcome Task until it is closed")
    }
}

fn output(kind: (&str, &str)) -> TaskOutput {
    TaskOutput {
        type_: CodeableConcept::of(Coding::new(CS_OUTCOME, kind.0, kind.1)),
        ..TaskOutput::default()
    }
}

fn flag(kind: (&str, &str), v: bool) -> TaskOutput {
    TaskOutput {
        value_boolean: Some(v),
        ..output(kind)
    }
}

/// The outcome Task of a closed case.
pub fn outcome_task(case: &HistoricCase) -> Result<Task, NotClosed> {
    if !case.status.is_closed() {
        return Err(NotClosed);
    }
    let r = &case.referral;
    let o = &case.outcome;
    let mut outputs = Vec::new();
    if let Some(d) = case.dates.first_contact {
        outputs.push(TaskOutput {
            value_date: Some(d.to_string()),
            ..output(OUTCOME_FIRST_CONTACT)
        });
    }
    outputs.push(TaskOutput {
        value_integer: Some(i64::from(case.conversations)),
        ..output(OUTCOME_CONVERSATIONS)
    });
    for id in &case.offered {
        outputs.push(TaskOutput {
            value_string: Some(id.clone()),
            ..output(OUTCOME_OFFERED)
        });
    }
    if let Some(chosen) = &case.chosen {
        outputs.push(TaskOutput {
            value_string: Some(chosen.clone()),
            ..output(OUTCOME_CHOSEN)
        });
    }
    outputs.push(flag(OUTCOME_TAKEN_INTO_CARE, o.taken_into_care));
    if let Some(d) = case.dates.first_attendance {
        outputs.push(TaskOutput {
            value_date: Some(d.to_string()),
            ..output(OUTCOME_FIRST_ATTENDANCE)
        });
    }
    outputs.push(flag(OUTCOME_ARRIVED, o.arrived));
    outputs.push(flag(OUTCOME_STILL_ATTENDING_3M, o.still_attending_3m));
    if let Some(improved) = o.health_improved() {
        outputs.push(flag(OUTCOME_HEALTH_IMPROVED, improved));
    }
    let contact = match case.dates.first_contact {
        Some(d) => format!("Contact gemaakt op {}", crate::who::date_nl(d)),
        None => "Geen contact met de inwoner".to_string(),
    };
    let chosen = match &case.chosen {
        Some(c) => format!("; gekozen: {c}"),
        None => "; geen activiteit gekozen".to_string(),
    };
    let referral = Reference {
        type_: Some("ServiceRequest".into()),
        identifier: Some(Identifier {
            system: Some(REFERRAL_ID.into()),
            value: Some(r.id.clone()),
        }),
        ..Reference::default()
    };
    Ok(Task {
        id: Some(uuid(&r.id, "Task/outcome")),
        based_on: vec![referral.clone()],
        status: if o.taken_into_care {
            "completed"
        } else {
            "failed"
        }
        .into(),
        business_status: Some(CodeableConcept::text(format!("{contact}{chosen}."))),
        intent: "order".into(),
        code: Some(CodeableConcept::of(Coding::new(
            TASK_CODE,
            "fulfill",
            "Fulfill the focal request",
        ))),
        focus: Some(referral),
        execution_period: case.dates.first_contact.map(|d| Period {
            start: Some(d.to_string()),
            end: None,
        }),
        authored_on: Some(case.dates.referred.to_string()),
        output: outputs,
        ..Task::default()
    })
}

/// The feedback to the referrer ("terugkoppeling") at any moment of a case: contact made or not, the
/// solution chosen, and when the social worker looks again. A closed case gives its outcome Task; an
/// open one `in-progress` once the resident was reached, `requested` before that.
pub fn feedback_task(case: &HistoricCase, next_review: Option<wor_core::Date>) -> Task {
    let mut open = case.clone();
    open.status = wor_core::cases::CaseStatus::Closed;
    let mut task = outcome_task(&open).unwrap_or_default();
    if !case.status.is_closed() {
        task.id = Some(uuid(&case.referral.id, "Task/feedback"));
        task.status = if case.dates.first_contact.is_some() {
            "in-progress"
        } else {
            "requested"
        }
        .into();
        // An open case has no outcome yet: only what is known so far.
        task.output.retain(|o| {
            let code = o.type_.coding[0].code.as_deref();
            !matches!(
                code,
                Some(
                    "taken_into_care"
                        | "arrived"
                        | "still_attending_3m"
                        | "positive_health_improved"
                )
            )
        });
    }
    if let Some(d) = next_review {
        task.output.push(TaskOutput {
            value_date: Some(d.to_string()),
            ..output(OUTCOME_NEXT_REVIEW)
        });
    }
    task
}

/// A Task with its `resourceType`, as one JSON line of `wor fhir outcomes`.
pub fn task_json(task: &Task) -> serde_json::Value {
    serde_json::to_value(Resource::Task(task.clone())).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wor_core::Strictness;

    fn case(status: &str, contact: bool) -> HistoricCase {
        let contact = if contact {
            r#", "first_contact": "2026-09-08""#
        } else {
            ""
        };
        let json = format!(
            r#"{{"referral": {{"id": "c1", "age": 70, "consent": true, "municipality": "Leiden"}},
                "map": {{"region": "zuid-holland-noord", "version": "2026.3.0"}},
                "chosen": "a1", "dates": {{"referred": "2026-09-01"{contact}}},
                "status": "{status}",
                "outcome": {{"arrived": true, "taken_into_care": true, "still_attending_3m": false}}}}"#
        );
        HistoricCase::from_json(&json, Strictness::Strict)
            .unwrap()
            .value
    }

    fn codes(t: &Task) -> Vec<&str> {
        t.output
            .iter()
            .map(|o| o.type_.coding[0].code.as_deref().unwrap())
            .collect()
    }

    #[test]
    fn feedback_on_an_open_case_says_what_is_known_and_when_the_worker_looks_again() {
        let next: wor_core::Date = "2026-10-01".parse().unwrap();
        let t = feedback_task(&case("open", true), Some(next));
        assert_eq!(t.status, "in-progress");
        assert!(!codes(&t).contains(&"taken_into_care"));
        assert_eq!(codes(&t).last(), Some(&"next_review"));
        assert_eq!(
            feedback_task(&case("open", false), None).status,
            "requested"
        );
        let closed = feedback_task(&case("closed", true), None);
        assert_eq!(closed.status, "completed");
        assert!(codes(&closed).contains(&"taken_into_care"));
        assert!(outcome_task(&case("open", true)).is_err());
    }
}
