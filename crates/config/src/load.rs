//! Reading one configuration file from disk into a [`ConfigFile`], defensively:
//! whatever is wrong with the file becomes a problem on it, never an error that
//! stops the audit of the others.

use crate::clients;
use crate::model::{Client, ConfigFile, ParseProblem, Scope};
use crate::node::{Node, Pos};
use crate::parse::{self, Format, MAX_FILE_BYTES};
use std::io::Read;
use std::path::Path;

/// Reads, parses and extracts `path`. The parsed tree is returned too, for
/// callers that look beyond the servers (discovery follows Claude Code's
/// `projects` to find project files).
pub fn load_file(path: &Path, client: Client, scope: Scope, format: Format) -> (ConfigFile, Option<Node>) {
    let mut file = ConfigFile {
        path: path.to_path_buf(),
        client,
        scope,
        format,
        servers: Vec::new(),
        settings: Vec::new(),
        problems: Vec::new(),
    };
    let bytes = match read_bounded(path) {
        Ok(b) => b,
        Err(message) => {
            file.problems.push(ParseProblem {
                pos: Pos::new(0, 0),
                message,
                server: None,
            });
            return (file, None);
        }
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        // An empty file is what clients create before any server is added.
        return (file, None);
    }
    match parse::parse_bytes(format, &bytes) {
        Ok(root) => {
            let x = clients::extract(client, scope, path, &root);
            file.servers = x.servers;
            file.settings = x.settings;
            file.problems = x.problems;
            (file, Some(root))
        }
        Err(e) => {
            file.problems.push(ParseProblem {
                pos: e.pos,
                message: format!("cannot parse as {}: {}", format_name(format), e.message),
                server: None,
            });
            (file, None)
        }
    }
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Json => "JSON",
        Format::Toml => "TOML",
        Format::Yaml => "YAML",
    }
}

/// Reads at most [`MAX_FILE_BYTES`]; every failure is described for a person.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| describe_io(&e))?;
    if meta.is_dir() {
        return Err("is a directory, expected a configuration file".into());
    }
    if !meta.is_file() {
        return Err("is not a regular file (device, socket or pipe); not read".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "is {} bytes, larger than the {} byte limit for a configuration file; not read",
            meta.len(),
            MAX_FILE_BYTES
        ));
    }
    let f = std::fs::File::open(path).map_err(|e| describe_io(&e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between metadata and read; never read past the limit.
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "grew past the {MAX_FILE_BYTES} byte limit while being read; not read"
        ));
    }
    Ok(bytes)
}

fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied => "cannot be read: permission denied".into(),
        ErrorKind::NotFound => "does not exist (a dangling symlink?)".into(),
        _ if e.raw_os_error() == Some(40) => {
            "cannot be opened: too many levels of symbolic links (a symlink loop)".into()
        }
        _ => format!("cannot be read: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(path: &Path) -> ConfigFile {
        load_file(path, Client::ClaudeDesktop, Scope::User, Format::Json).0
    }

    #[test]
    fn directory_unreadable_and_missing_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        let f = load(dir.path());
        assert!(f.problems[0].message.contains("directory"));
        let f = load(&dir.path().join("nope.json"));
        assert!(f.problems[0].message.contains("does not exist"));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.json");
        let b = dir.path().join("b.json");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let f = load(&a);
        assert!(
            f.problems[0].message.contains("symbolic links"),
            "{}",
            f.problems[0].message
        );
    }

    #[test]
    fn binary_and_broken_files_are_problems_with_lines() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.json");
        std::fs::write(&p, b"\x7fELF\x02\x01\x01\0\0\0").unwrap();
        let f = load(&p);
        assert_eq!(f.problems.len(), 1);
        std::fs::write(
            &p,
            "{\n \"mcpServers\": {\n  \"a\": {\"command\": \"x\"}\n  \"b\": {}\n }\n}",
        )
        .unwrap();
        let f = load(&p);
        assert_eq!(f.problems[0].pos.line, 4);
        std::fs::write(&p, "  \n").unwrap();
        assert!(load(&p).problems.is_empty());
    }
}
