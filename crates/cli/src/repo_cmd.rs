//! The repository from the command line: `import`, `query`, `user`, `serve`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;
use yusuan_import::{import_files, Limits, Options, Outcome};
use yusuan_store::{Query, QueryResult, Store};

/// The repository: a SQLite file (created when missing) or a
/// `postgres://user:password@host/db` URL.
#[derive(clap::Args, Debug, Clone)]
pub struct DatabaseArg {
    #[arg(
        long,
        env = "YUSUAN_DATABASE",
        default_value = "yusuan.db",
        global = true
    )]
    database: String,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

async fn open(db: &DatabaseArg) -> Result<Store, ExitCode> {
    Store::open(&db.database).await.map_err(|e| {
        eprintln!("yusuan: {e}");
        ExitCode::from(2)
    })
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// Files or directories (walked recursively for .txt, .pdf, .xlsx, .xls,
    /// .docx, .html).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: DatabaseArg,
    /// Reading threads (default: every core but one, which the writer needs).
    #[arg(long)]
    jobs: Option<usize>,
    /// Largest file accepted, in MB.
    #[arg(long, default_value_t = 20)]
    max_file_mb: u64,
    /// Most PDF pages accepted.
    #[arg(long, default_value_t = 500)]
    max_pages: u32,
}

/// Exit 0 when every file was imported (or was already there), 1 when an
/// imported document has error findings, 2 when a file could not be read.
pub fn import(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let files = yusuan_import::documents(&args.paths);
    if files.is_empty() {
        eprintln!("yusuan: no document found in the paths given");
        return Ok(ExitCode::from(2));
    }
    let options = Options {
        limits: Limits {
            max_bytes: args.max_file_mb * 1024 * 1024,
            max_pages: args.max_pages,
        },
        actor: format!("cli:{}", whoami()),
        jobs: args.jobs,
    };
    // One thread drives the one writer: the readers have their own pool,
    // and a multi-threaded runtime would only add threads to wake.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let store = match open(&args.db).await {
            Ok(s) => s,
            Err(code) => return Ok(code),
        };
        let bar = if std::io::stderr().is_terminal() {
            indicatif::ProgressBar::new(files.len() as u64).with_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} {per_sec} {eta} {msg}",
                )?,
            )
        } else {
            indicatif::ProgressBar::hidden()
        };
        let started = std::time::Instant::now();
        let summary = import_files(&store, files, &options, |o| {
            bar.inc(1);
            if let Outcome::Failed { reason } = &o.outcome {
                bar.println(format!("失败 failed: {reason}"));
            }
        })
        .await?;
        bar.finish_and_clear();
        store.close().await;
        let secs = started.elapsed().as_secs_f64();
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "imported {} (with errors {}), unchanged {}, failed {} in {:.1} s",
            summary.imported,
            summary.with_errors,
            summary.unchanged,
            summary.failed.len(),
            secs
        )?;
        for (path, reason) in &summary.failed {
            writeln!(out, "failed\t{}\t{reason}", path.display())?;
        }
        Ok(ExitCode::from(if !summary.failed.is_empty() {
            2
        } else if summary.with_errors > 0 {
            1
        } else {
            0
        }))
    })
}

fn whoami() -> String {
    std::env::var("USER").unwrap_or_else(|_| "unknown".into())
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueryFormat {
    /// Aligned columns for the terminal.
    #[default]
    Table,
    Csv,
    /// One JSON object: title, columns, rows.
    Json,
}

#[derive(clap::Args, Debug, Clone)]
pub struct Scope {
    /// 地区 as the disclosures name it (晋城市).
    #[arg(long)]
    region: Option<String>,
    /// 年度.
    #[arg(long)]
    year: Option<i64>,
}

#[derive(clap::Subcommand, Debug, Clone)]
pub enum QueryKind {
    /// “三公”经费 per department, largest first
    ThreePublic(Scope),
    /// Headline figures per department: 支出合计, 基本, 项目, 三公, 机关运行经费
    Headline(Scope),
    /// One table's cells per department (a row by code or label, a column)
    Facts {
        /// The printed table number (1–13).
        #[arg(long)]
        table: u8,
        /// A classification code (201) or a row label (合计).
        #[arg(long)]
        row: Option<String>,
        /// A canonical column name (合计, 基本支出, 一般公共预算…).
        #[arg(long)]
        column: Option<String>,
        #[command(flatten)]
        scope: Scope,
    },
    /// Findings by rule across documents
    Findings(Scope),
    /// Per region and year: departments, documents, totals
    Regions {
        #[arg(long)]
        year: Option<i64>,
    },
}

#[derive(clap::Args, Debug)]
pub struct QueryArgs {
    #[command(subcommand)]
    kind: QueryKind,
    #[command(flatten)]
    db: DatabaseArg,
    #[arg(long, value_enum, default_value = "table", global = true)]
    format: QueryFormat,
}

pub fn query(args: &QueryArgs) -> anyhow::Result<ExitCode> {
    let q = match args.kind.clone() {
        QueryKind::ThreePublic(s) => Query::ThreePublic {
            region: s.region,
            year: s.year,
        },
        QueryKind::Headline(s) => Query::Headline {
            region: s.region,
            year: s.year,
        },
        QueryKind::Facts {
            table,
            row,
            column,
            scope,
        } => Query::Facts {
            table,
            row,
            column,
            region: scope.region,
            year: scope.year,
        },
        QueryKind::Findings(s) => Query::Findings {
            region: s.region,
            year: s.year,
        },
        QueryKind::Regions { year } => Query::Regions { year },
    };
    runtime()?.block_on(async {
        let store = match open(&args.db).await {
            Ok(s) => s,
            Err(code) => return Ok(code),
        };
        let result = store.query(&q).await?;
        store.close().await;
        let mut out = std::io::stdout().lock();
        match args.format {
            QueryFormat::Json => {
                serde_json::to_writer_pretty(&mut out, &result)?;
                writeln!(out)?;
            }
            QueryFormat::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(&result.columns)?;
                for row in &result.rows {
                    w.write_record(row.iter().map(|v| v.text()))?;
                }
                w.flush()?;
            }
            QueryFormat::Table => write!(out, "{}", table(&result))?,
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Columns aligned by display width (a Chinese character takes two).
fn table(result: &QueryResult) -> String {
    let cells: Vec<Vec<String>> = result
        .rows
        .iter()
        .map(|r| r.iter().map(|v| v.text()).collect())
        .collect();
    let widths: Vec<usize> = (0..result.columns.len())
        .map(|c| {
            cells
                .iter()
                .map(|r| r[c].width())
                .chain([result.columns[c].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let numeric: Vec<bool> = (0..result.columns.len())
        .map(|c| {
            cells.iter().all(|r| {
                r[c].is_empty()
                    || r[c]
                        .trim_start_matches('-')
                        .replace('.', "")
                        .parse::<u64>()
                        .is_ok()
            })
        })
        .collect();
    let line = |row: &[String]| {
        let mut s = String::new();
        for (c, text) in row.iter().enumerate() {
            if c > 0 {
                s.push_str("  ");
            }
            let pad = " ".repeat(widths[c] - text.width());
            if numeric[c] {
                s.push_str(&pad);
                s.push_str(text);
            } else {
                s.push_str(text);
                s.push_str(&pad);
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = format!("{}\n", result.title);
    out.push_str(&line(&result.columns));
    for r in &cells {
        out.push_str(&line(r));
    }
    out.push_str(&format!("（{} 行）\n", cells.len()));
    out
}

#[derive(clap::Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user who may upload, delete and re-import (or set their
    /// password). The password is read from the terminal, or from the first
    /// line of standard input.
    Add { name: String },
    /// Make an API token for a user (printed once; only its hash is kept)
    Token {
        name: String,
        #[arg(long, default_value = "api")]
        label: String,
    },
}

#[derive(clap::Args, Debug)]
pub struct UserArgs {
    #[command(subcommand)]
    command: UserCommand,
    #[command(flatten)]
    db: DatabaseArg,
}

pub fn user(args: &UserArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = match open(&args.db).await {
            Ok(s) => s,
            Err(code) => return Ok(code),
        };
        let code = match &args.command {
            UserCommand::Add { name } => {
                let password = if std::io::stdin().is_terminal() {
                    rpassword::prompt_password(format!("{name} 的密码 password: "))?
                } else {
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                };
                if password.chars().count() < 8 {
                    eprintln!(
                        "yusuan: 密码至少 8 个字符 / the password needs at least 8 characters"
                    );
                    ExitCode::from(2)
                } else {
                    store
                        .set_user(name, &yusuan_web::hash_password(&password))
                        .await?;
                    eprintln!("yusuan: user {name} saved");
                    ExitCode::SUCCESS
                }
            }
            UserCommand::Token { name, label } => match store.user_by_name(name).await? {
                None => {
                    eprintln!("yusuan: no user {name}; add one with `yusuan user add {name}`");
                    ExitCode::from(2)
                }
                Some((user, _)) => {
                    let token = yusuan_web::new_token();
                    store
                        .add_token(&user, &yusuan_store::source_hash(token.as_bytes()), label)
                        .await?;
                    println!("{token}");
                    ExitCode::SUCCESS
                }
            },
        };
        store.close().await;
        Ok(code)
    })
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    db: DatabaseArg,
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: std::net::SocketAddr,
    /// Largest upload, in MB.
    #[arg(long, default_value_t = 20)]
    max_upload_mb: u64,
    /// Most PDF pages accepted in an upload.
    #[arg(long, default_value_t = 500)]
    max_pages: u32,
    /// Mark cookies Secure (when served behind HTTPS).
    #[arg(long)]
    secure_cookies: bool,
    /// A reverse proxy in front of the site (repeatable): requests from it
    /// are counted, for the sign-in rate limit, by the client address it
    /// gives in X-Forwarded-For.
    #[arg(long = "trusted-proxy", value_name = "IP")]
    trusted_proxies: Vec<std::net::IpAddr>,
}

pub fn serve(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let config = yusuan_web::ServeConfig {
        database: args.db.database.clone(),
        listen: args.listen,
        limits: Limits {
            max_bytes: args.max_upload_mb * 1024 * 1024,
            max_pages: args.max_pages,
        },
        secure_cookies: args.secure_cookies,
        trusted_proxies: args.trusted_proxies.clone(),
    };
    runtime()?.block_on(yusuan_web::serve(config))?;
    Ok(ExitCode::SUCCESS)
}
