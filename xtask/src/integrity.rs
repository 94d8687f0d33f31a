//! Subresource Integrity: the `sha384-…` hashes a host page puts in `integrity`.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::Result;

/// The SRI value of `bytes`: `sha384-` and the base64 of their SHA-384.
pub fn sri(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Prints the SRI hash of each file and writes them to `integrity.json` beside them.
pub fn write(dir: &Path, files: &[&str]) -> Result {
    let mut entries = Vec::new();
    for name in files {
        let hash = sri(&std::fs::read(dir.join(name))?);
        println!("integrity: {name:<16} {hash}");
        entries.push(format!("  \"{name}\": \"{hash}\""));
    }
    std::fs::write(
        dir.join("integrity.json"),
        format!("{{\n{}\n}}\n", entries.join(",\n")),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_sha384_test_vector() {
        // FIPS 180-2's "abc" vector, in base64.
        assert_eq!(
            sri(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
