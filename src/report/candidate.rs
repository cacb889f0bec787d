//! One candidate's comprehensive assessment report (综合考核报告) in Markdown: level and
//! composite, every gate, what is left, the cadre component, assessments with their
//! trend, reflections and stage reviews with objections.

use std::collections::BTreeMap;
use std::io::Write;

use crate::domain::assessment::EvaluationKind;
use crate::locale::Lang;
use crate::service::readiness_views::CandidateReport;

pub fn markdown(report: &CandidateReport, lang: Lang, out: &mut impl Write) -> std::io::Result<()> {
    let zh = lang == Lang::Zh;
    let t = |z: &'static str, e: &'static str| if zh { z } else { e };
    let f = &report.facts;
    let r = &report.row;
    writeln!(out, "# {}: {} ({})\n", t("综合考核报告", "Assessment report"), f.name, f.employee_id)?;
    writeln!(
        out,
        "{} {}/{}, {} {}, {} {}\n",
        t("部门", "Department"),
        f.department,
        f.section,
        t("后备池", "pool"),
        report.pool.name,
        t("日期", "as of"),
        report.on
    )?;
    writeln!(
        out,
        "**{}: {}**, {} {:.1}{}\n",
        t("结论", "Verdict"),
        super::level(lang, r.level),
        t("综合分", "composite"),
        r.composite,
        if r.priority { t(", 绩效前列优先", ", priority (top performers)") } else { "" }
    )?;

    writeln!(out, "## {}\n", t("门槛", "Gates"))?;
    for g in &r.gates {
        writeln!(
            out,
            "- [{}] {}: {}",
            if g.passed { "x" } else { " " },
            super::gate_name(lang, g.gate),
            super::gate_value(lang, g)
        )?;
    }
    writeln!(out, "\n## {}\n", t("剩余事项", "Still to do"))?;
    if r.todo.is_empty() {
        writeln!(out, "{}", t("无", "Nothing."))?;
    }
    for item in &r.todo {
        writeln!(out, "- {}", super::todo(lang, item))?;
    }
    if let Some(w) = r.weeks_left {
        writeln!(out, "\n{}: {}", t("预计", "Estimate"), super::duration(lang, w))?;
    }

    writeln!(out, "\n## {}\n", t("综合分构成", "Composite"))?;
    writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---:|---:|---:|",
        t("项目", "Part"),
        t("得分", "Score"),
        t("权重%", "Weight %"),
        t("贡献", "Points")
    )?;
    for p in &r.parts {
        let score = p.score.map(|s| format!("{s:.1}")).unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "| {} | {score} | {:.0} | {:.1} |",
            super::component_name(lang, p.component),
            p.weight,
            p.score.unwrap_or(0.0) * p.weight / 100.0
        )?;
    }
    let c = &r.cadre_component;
    writeln!(
        out,
        "\n## {}\n",
        t("后备干部培养考核 (年度绩效占比)", "Cadre-development component of annual performance")
    )?;
    writeln!(
        out,
        "{} {:.1}{}; {} {}% → {:.1}",
        t("得分", "Score"),
        c.score,
        if c.penalty > 0 {
            format!(
                " ({} {:.0}% < 100%, -{})",
                t("培训完成率", "training completion"),
                c.completion_pct,
                c.penalty
            )
        } else {
            String::new()
        },
        t("权重", "weight"),
        c.weight,
        c.contribution
    )?;

    writeln!(out, "\n## {}\n", t("测评", "Assessments"))?;
    let mut by_year: BTreeMap<u16, (f32, u32)> = BTreeMap::new();
    for e in report.evaluations.iter().filter(|e| matches!(e.kind, EvaluationKind::ThreeSixty { .. })) {
        let y = by_year.entry(e.year).or_default();
        y.0 += e.score;
        y.1 += 1;
    }
    let trend: Vec<String> = by_year.iter().map(|(y, (s, n))| format!("{y}: {:.1}", s / *n as f32)).collect();
    writeln!(
        out,
        "- {}: {}",
        t("360 总分 (按年)", "360 overall by year"),
        if trend.is_empty() { "-".into() } else { trend.join(", ") }
    )?;
    for (d, s) in f.dimensions_360() {
        writeln!(out, "  - {d}: {s:.1}")?;
    }
    for (kind, label) in [
        (EvaluationKind::Superior, t("上级评价", "Superior's evaluation")),
        (EvaluationKind::Theory, t("理论测试 (含补考)", "Theory tests (retakes included)")),
    ] {
        let list: Vec<String> = report
            .evaluations
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| format!("{} {}", e.on, e.score))
            .collect();
        writeln!(out, "- {label}: {}", if list.is_empty() { "-".into() } else { list.join(", ") })?;
    }
    let grades: Vec<String> =
        f.performance.iter().map(|p| format!("{} {}", p.year, p.grade.letter())).collect();
    writeln!(out, "- {}: {}", t("绩效", "Performance"), grades.join(", "))?;

    writeln!(out, "\n## {}\n", t("阶段心得", "Reflections"))?;
    if report.reflections.is_empty() {
        writeln!(out, "-")?;
    }
    for rf in &report.reflections {
        let scores: Vec<String> = rf
            .versions
            .iter()
            .map(|v| v.review.as_ref().map(|x| x.score.to_string()).unwrap_or_else(|| "-".into()))
            .collect();
        writeln!(
            out,
            "- {} {}: {} ({}: {})",
            t("第", "stage"),
            rf.stage,
            rf.latest().title,
            t("历次评分", "scores"),
            scores.join(" → ")
        )?;
        if let Some(review) = rf.latest().review.as_ref() {
            writeln!(out, "  - {}: {}", review.reviewer, review.comment.replace('\n', " "))?;
        }
    }

    writeln!(out, "\n## {}\n", t("阶段评估", "Stage reviews"))?;
    if f.stage_reviews.is_empty() {
        writeln!(out, "-")?;
    }
    for sr in &f.stage_reviews {
        writeln!(
            out,
            "- {} {}: {} ({}, {}): {}",
            sr.year,
            if zh { sr.kind.zh() } else { sr.kind.code() },
            if zh { sr.recommendation.zh() } else { sr.recommendation.code() },
            sr.reviewer,
            sr.on,
            sr.comment.replace('\n', " ")
        )?;
        for reply in &sr.replies {
            writeln!(
                out,
                "  - {} {}: {}",
                if reply.objection { t("异议", "objection") } else { t("答复", "answer") },
                reply.author,
                reply.text.replace('\n', " ")
            )?;
        }
    }
    Ok(())
}
