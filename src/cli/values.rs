//! The command line's words for the kinds and formats of files (clap's value enums), kept
//! here so that nothing below the command line depends on the argument parser.

use clap::builder::PossibleValue;
use clap::ValueEnum;

use crate::io::export::{ExportKind, Format};
use crate::io::ImportKind;
use crate::report::pool::ReportFormat;

/// `impl ValueEnum` for an enum whose variants are written as the given words.
macro_rules! words {
    ($ty:ident { $($variant:ident = $word:literal),* $(,)? }) => {
        impl ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                &[$($ty::$variant),*]
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(match self {
                    $($ty::$variant => PossibleValue::new($word),)*
                })
            }
        }
    };
}

words!(ImportKind {
    Employees = "employees",
    Performance = "performance",
    Courses = "courses",
    Enrollments = "enrollments",
    Reflections = "reflections",
    Evaluations = "evaluations",
});

words!(ExportKind {
    Employees = "employees",
    Performance = "performance",
    Courses = "courses",
    Pool = "pool",
    Enrollments = "enrollments",
    Reflections = "reflections",
    Evaluations = "evaluations",
    Points = "points",
    Audit = "audit",
});

words!(Format { Json = "json", Csv = "csv" });

words!(ReportFormat { Md = "md", Csv = "csv", Json = "json", Xlsx = "xlsx" });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_a_word_and_parses_back() {
        for k in ExportKind::value_variants() {
            let word = k.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(ExportKind::from_str(&word, false).unwrap(), *k);
        }
        assert_eq!(ImportKind::from_str("enrollments", false).unwrap(), ImportKind::Enrollments);
        assert_eq!(ReportFormat::from_str("xlsx", false).unwrap(), ReportFormat::Xlsx);
    }
}
