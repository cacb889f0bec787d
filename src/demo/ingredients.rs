//! The bundled demo organisation's ingredients from `data/`, embedded in the binary.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::training::Course;
use crate::io::import;
use crate::io::mapping::Mapping;
use crate::io::ImportKind;
use crate::service::Command;

#[derive(Debug, Deserialize)]
pub struct Org {
    pub company: String,
    pub departments: Vec<DepartmentSpec>,
}

#[derive(Debug, Deserialize)]
pub struct DepartmentSpec {
    pub name: String,
    pub sections: Vec<String>,
    /// Points added to this department's 360 scores per dimension.
    #[serde(default)]
    pub bias: BTreeMap<String, f32>,
    #[serde(default)]
    pub theory_bias: f32,
}

#[derive(Debug, Deserialize)]
pub struct Names {
    pub surnames: Vec<String>,
    pub given: Vec<String>,
    pub long_name: String,
}

#[derive(Debug, Deserialize)]
pub struct Profile {
    pub skills: Vec<String>,
    pub certifications: Vec<String>,
    pub projects: Vec<String>,
    pub team_management: Vec<String>,
    pub aspirations: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Texts {
    pub titles: Vec<String>,
    pub paragraphs: Vec<String>,
    pub accept_comments: Vec<String>,
    pub return_comments: Vec<String>,
}

pub struct Ingredients {
    pub org: Org,
    pub names: Names,
    pub profile: Profile,
    pub texts: Texts,
    pub courses: Vec<Course>,
}

impl Ingredients {
    /// Parses the embedded files; they are part of the build, so a failure is a bug.
    pub fn bundled() -> anyhow::Result<Ingredients> {
        let parse = |name: &str, text: &str| -> anyhow::Result<toml::Table> {
            toml::from_str(text).map_err(|e| anyhow::anyhow!("data/{name}: {e}"))
        };
        let org: Org = parse("org.toml", include_str!("../../data/org.toml"))?.try_into()?;
        let names: Names = parse("names.toml", include_str!("../../data/names.toml"))?.try_into()?;
        let profile: Profile = parse("profile.toml", include_str!("../../data/profile.toml"))?.try_into()?;
        let texts: Texts =
            parse("reflections.toml", include_str!("../../data/reflections.toml"))?.try_into()?;
        let courses = match import::read(
            ImportKind::Courses,
            "data/courses.csv",
            include_str!("../../data/courses.csv").as_bytes(),
            &Mapping::default(),
            import::ReadOptions::default(),
            &mut |_| {},
        )?
        .command
        {
            Command::ImportCourses { rows, .. } => rows.into_iter().map(|r| r.record).collect(),
            _ => anyhow::bail!("data/courses.csv did not read as courses"),
        };
        Ok(Ingredients { org, names, profile, texts, courses })
    }
}
