//! The reports' one stylesheet, `www/report.css`: inlined into every standalone document (the
//! evaluation report, the monitoring, the business case) and linked by the page's Regio view, which
//! shows the same fragments. Its rules hang under `.report`, the documents' `<body>` class.

/// The stylesheet's text, as the page serves it.
pub const REPORT_CSS: &str = include_str!("../../../www/report.css");
