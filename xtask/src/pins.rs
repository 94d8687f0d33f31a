//! The pinned tool versions: read from Trunk.toml (and Cargo.lock), the single source of truth.

use std::path::Path;

use crate::{Error, Result};

/// The tool versions the build needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pins {
    /// trunk, from Trunk.toml `trunk-version` (without the leading `=`).
    pub trunk: String,
    /// wasm-bindgen-cli, from Trunk.toml `[tools] wasm_bindgen`.
    pub wasm_bindgen: String,
    /// binaryen's major version, from Trunk.toml `[tools] wasm_opt` (`version_132` -> `132`).
    pub wasm_opt: String,
}

impl Pins {
    /// Reads the pins from `Trunk.toml` at the repository root `root`.
    pub fn load(root: &Path) -> Result<Pins> {
        let path = root.join("Trunk.toml");
        let text = std::fs::read_to_string(&path)
            .map_err(|err| Error::new(format!("cannot read {}: {err}", path.display())))?;
        Pins::parse(&text).map_err(|err| Error::new(format!("{}: {err}", path.display())))
    }

    /// Parses the pins out of Trunk.toml's text.
    pub fn parse(trunk_toml: &str) -> Result<Pins> {
        let need = |section: &str, key: &str| {
            toml_string(trunk_toml, section, key)
                .ok_or_else(|| Error::new(format!("no `{key}` string in [{section}]")))
        };
        let trunk = need("", "trunk-version")?;
        let wasm_bindgen = need("tools", "wasm_bindgen")?;
        let wasm_opt = need("tools", "wasm_opt")?;
        let wasm_opt = wasm_opt.strip_prefix("version_").ok_or_else(|| {
            Error::new(format!(
                "[tools] wasm_opt = {wasm_opt:?} is not `version_N`"
            ))
        })?;
        Ok(Pins {
            trunk: trunk.trim_start_matches('=').trim().to_owned(),
            wasm_bindgen: wasm_bindgen.trim_start_matches('=').trim().to_owned(),
            wasm_opt: wasm_opt.to_owned(),
        })
    }
}

/// The value of `key = "value"` in `[section]` (`""` for the top level) of a simple TOML text.
fn toml_string(text: &str, section: &str, key: &str) -> Option<String> {
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.trim().to_owned();
            continue;
        }
        if current != section {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        if k.trim() != key {
            continue;
        }
        let v = v.trim();
        let v = v.strip_prefix('"')?;
        return Some(v[..v.find('"')?].to_owned());
    }
    None
}

/// The version of the package `name` in a Cargo.lock text (the first one, if several).
pub fn locked_version(cargo_lock: &str, name: &str) -> Option<String> {
    let mut lines = cargo_lock.lines().map(str::trim);
    let wanted = format!("name = \"{name}\"");
    while let Some(line) = lines.next() {
        if line == wanted {
            let version = lines.next()?.strip_prefix("version = \"")?;
            return Some(version.trim_end_matches('"').to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_TOML: &str = r#"trunk-version = "=0.21.14"

[build]
target = "index.html"
offline = true

[tools]
# Must equal wasm-bindgen in Cargo.lock.
wasm_bindgen = "0.2.130"
wasm_opt = "version_132"
"#;

    #[test]
    fn parses_the_pins() {
        let pins = Pins::parse(TRUNK_TOML).unwrap();
        assert_eq!(
            pins,
            Pins {
                trunk: "0.21.14".into(),
                wasm_bindgen: "0.2.130".into(),
                wasm_opt: "132".into(),
            }
        );
    }

    #[test]
    fn a_missing_pin_is_an_error() {
        let err = Pins::parse("[tools]\nwasm_opt = \"version_132\"\n").unwrap_err();
        assert!(err.to_string().contains("trunk-version"), "{err}");
    }

    #[test]
    fn finds_a_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "leptos"), None);
    }
}
