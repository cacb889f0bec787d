//! Helpers shared by the integration tests: running the real binary on a temporary store.
#![allow(dead_code)]

pub mod foreign;
pub mod pty;
pub mod server;
pub mod shell;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Store {
    pub dir: tempfile::TempDir,
}

impl Store {
    pub fn new() -> Store {
        Store { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("db")
    }

    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write test file");
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `cadre --db <db> args…`.
    pub fn run(&self, args: &[&str]) -> Output {
        cadre(&self.db(), args)
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "cadre {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs and asserts failure; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "cadre {args:?} unexpectedly succeeded");
        String::from_utf8(out.stderr).expect("utf-8 output")
    }
}

pub fn cadre(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cadre"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CADRE_DB")
        .output()
        .expect("run cadre")
}

pub const EMPLOYEES_CSV: &str = "\
id,name,department,section,rank,hire_date,status,skills
E1,张伟,市场营销部,政企客户室,普通员工,2019-03-01,active,商务谈判;数据分析
E2,李娜,市场营销部,政企客户室,室主任,2012-07-15,active,
E3,王芳,信息技术部,系统开发室,普通员工,2021-11-30,active,Python 编程
";

/// The employee export as CSV, for tests that rename or move one person and import the
/// row back.
pub struct EmployeeSheet {
    headers: csv::StringRecord,
    rows: Vec<csv::StringRecord>,
}

impl EmployeeSheet {
    pub fn export(s: &Store) -> EmployeeSheet {
        let text = s.ok(&["export", "employees", "--format", "csv"]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        EmployeeSheet { headers, rows: reader.records().map(Result::unwrap).collect() }
    }

    /// A column's place, by its heading.
    pub fn col(&self, name: &str) -> usize {
        self.headers.iter().position(|h| h == name).unwrap()
    }

    /// The person's row, cell by cell.
    pub fn row_of(&self, id: &str) -> Vec<String> {
        self.rows.iter().find(|r| &r[0] == id).unwrap().iter().map(str::to_string).collect()
    }

    /// A department other than the row's, with one of its sections.
    pub fn elsewhere(&self, row: &[String]) -> (String, String) {
        let (d, sec) = (self.col("department"), self.col("section"));
        let other = self.rows.iter().find(|r| r[d] != row[d]).unwrap();
        (other[d].to_string(), other[sec].to_string())
    }

    /// Imports the one row (under the export's headings) from a file named `name`.
    pub fn import_row(&self, s: &Store, name: &str, row: &[String]) {
        let mut w = csv::Writer::from_writer(vec![]);
        w.write_record(&self.headers).unwrap();
        w.write_record(row).unwrap();
        let file = s.file(name, &String::from_utf8(w.into_inner().unwrap()).unwrap());
        s.ok(&["import", "employees", file.to_str().unwrap()]);
    }
}
