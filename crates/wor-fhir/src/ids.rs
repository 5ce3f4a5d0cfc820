//! Deterministic resource ids: the same referral id gives the same Bundle, byte for byte.

use sha2::{Digest, Sha256};

/// A name-based UUID (RFC 9562 version 8) from SHA-256 of the referral id and the resource's role in
/// the Bundle: no clock or random source, so exports are reproducible and re-exports update, not add.
pub fn uuid(referral_id: &str, role: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"wor-fhir/1\0");
    h.update(referral_id.as_bytes());
    h.update(b"\0");
    h.update(role.as_bytes());
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x80; // version 8
    b[8] = (b[8] & 0x3f) | 0x80; // RFC variant
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// [`uuid`] as a Bundle `fullUrl`.
pub fn urn_uuid(referral_id: &str, role: &str) -> String {
    format!("urn:uuid:{}", uuid(referral_id, role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_distinct_and_well_formed() {
        let a = uuid("r1", "Patient");
        assert_eq!(a, uuid("r1", "Patient"));
        assert_ne!(a, uuid("r1", "Task"));
        assert_ne!(a, uuid("r2", "Patient"));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "8");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
    }
}
