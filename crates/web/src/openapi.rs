//! The OpenAPI 3.1 description of `/api`, built with serde_json; the
//! schemas of the answers come from the view types through schemars.

use crate::views::*;
use schemars::schema_for;
use serde_json::{json, Map, Value};

/// One parameter: name, where (`path`/`query`), required, JSON type, text.
type Param = (&'static str, &'static str, bool, &'static str, &'static str);

/// One operation: method, path, summary, parameters, response schema (or
/// `None` for the OpenAPI document itself), whether it takes an upload,
/// whether it needs an API token, whether it also answers CSV/XLSX.
struct Op {
    method: &'static str,
    path: &'static str,
    summary: &'static str,
    params: &'static [Param],
    response: Option<&'static str>,
    upload: bool,
    token: bool,
    downloads: bool,
}

const ID: Param = ("id", "path", true, "integer", "编号");
const REGION: Param = ("region", "query", false, "string", "地区名称");
const YEAR: Param = ("year", "query", false, "integer", "年度");

const OPS: &[Op] = &[
    Op {
        method: "get",
        path: "/api",
        summary: "首页：地区、年度、最近导入",
        params: &[],
        response: Some("HomeView"),
        upload: false,
        token: false,
        downloads: false,
    },
    Op {
        method: "get",
        path: "/api/search",
        summary: "搜索名称含 q 的部门或地区（子串匹配，一两个字亦可）",
        params: &[("q", "query", true, "string", "查询词")],
        response: Some("SearchView"),
        upload: false,
        token: false,
        downloads: false,
    },
    Op {
        method: "get",
        path: "/api/regions/{id}",
        summary: "地区及其部门的最新主要数据",
        params: &[ID],
        response: Some("RegionView"),
        upload: false,
        token: false,
        downloads: false,
    },
    Op {
        method: "get",
        path: "/api/departments/{id}",
        summary: "部门历年主要数据与公开文件",
        params: &[ID],
        response: Some("DepartmentView"),
        upload: false,
        token: false,
        downloads: false,
    },
    Op {
        method: "get",
        path: "/api/disclosures",
        summary: "公开文件列表",
        params: &[
            ("region", "query", false, "integer", "地区编号"),
            ("department", "query", false, "integer", "部门编号"),
            YEAR,
            (
                "limit",
                "query",
                false,
                "integer",
                "每页条数（默认 1000，至多 10000）",
            ),
            ("offset", "query", false, "integer", "跳过的条数"),
        ],
        response: Some("DisclosureList"),
        upload: false,
        token: false,
        downloads: false,
    },
    Op {
        method: "post",
        path: "/api/disclosures",
        summary: "上传并导入公开文件（multipart，字段 file）",
        params: &[],
        response: Some("UploadView"),
        upload: true,
        token: true,
        downloads: false,
    },
    Op {
        method: "get",
        path: "/api/disclosures/{id}",
        summary: "公开文件：模型、检查发现、上下年度",
        params: &[ID],
        response: Some("DisclosureView"),
        upload: false,
        token: false,
        downloads: false,
    },
    Op {
        method: "delete",
        path: "/api/disclosures/{id}",
        summary: "删除公开文件",
        params: &[ID],
        response: Some("ChangeView"),
        upload: false,
        token: true,
        downloads: false,
    },
    Op {
        method: "post",
        path: "/api/disclosures/{id}/reimport",
        summary: "用存档的原始文件重新读取",
        params: &[ID],
        response: Some("ChangeView"),
        upload: false,
        token: true,
        downloads: false,
    },
    Op {
        method: "get",
        path: "/api/disclosures/{id}/facts",
        summary: "公开文件的全部数据（表、行、栏、值）",
        params: &[ID],
        response: Some("FactsView"),
        upload: false,
        token: false,
        downloads: false,
    },
    Op {
        method: "get",
        path: "/api/disclosures/{id}/tables/{n}",
        summary: "公开文件的一张表，按官方格式",
        params: &[ID, ("n", "path", true, "integer", "表号 1–13")],
        response: Some("TableView"),
        upload: false,
        token: false,
        downloads: false,
    },
    Op {
        method: "get",
        path: "/api/compare",
        summary: "两份公开文件逐项对比",
        params: &[
            ("a", "query", true, "integer", "甲的编号"),
            (
                "b",
                "query",
                false,
                "integer",
                "乙的编号（缺省为同一部门的相邻年度）",
            ),
        ],
        response: Some("CompareView"),
        upload: false,
        token: false,
        downloads: false,
    },
    Op {
        method: "get",
        path: "/api/views/{view}",
        summary: "跨部门汇总：headline、three-public、findings、regions",
        params: &[
            (
                "view",
                "path",
                true,
                "string",
                "headline | three-public | findings | regions",
            ),
            REGION,
            YEAR,
            ("sort", "query", false, "integer", "排序的列（从 0 起）"),
            ("dir", "query", false, "string", "asc | desc"),
            ("format", "query", false, "string", "json | csv | xlsx"),
            (
                "page",
                "query",
                false,
                "integer",
                "页码（从 1 起，每页 200 行）；不给则返回全部行",
            ),
        ],
        response: Some("ViewResult"),
        upload: false,
        token: false,
        downloads: true,
    },
    Op {
        method: "get",
        path: "/api/audit",
        summary: "审计日志（需登录或 API 令牌）",
        params: &[],
        response: Some("AuditView"),
        upload: false,
        token: true,
        downloads: false,
    },
    Op {
        method: "get",
        path: "/api/openapi.json",
        summary: "本文档",
        params: &[],
        response: None,
        upload: false,
        token: false,
        downloads: false,
    },
];

fn schemas() -> Map<String, Value> {
    let roots = [
        ("HomeView", serde_json::to_value(schema_for!(HomeView))),
        ("SearchView", serde_json::to_value(schema_for!(SearchView))),
        ("RegionView", serde_json::to_value(schema_for!(RegionView))),
        (
            "DepartmentView",
            serde_json::to_value(schema_for!(DepartmentView)),
        ),
        (
            "DisclosureList",
            serde_json::to_value(schema_for!(DisclosureList)),
        ),
        (
            "DisclosureView",
            serde_json::to_value(schema_for!(DisclosureView)),
        ),
        ("FactsView", serde_json::to_value(schema_for!(FactsView))),
        ("TableView", serde_json::to_value(schema_for!(TableView))),
        (
            "CompareView",
            serde_json::to_value(schema_for!(CompareView)),
        ),
        ("ViewResult", serde_json::to_value(schema_for!(ViewResult))),
        ("AuditView", serde_json::to_value(schema_for!(AuditView))),
        ("UploadView", serde_json::to_value(schema_for!(UploadView))),
        ("ChangeView", serde_json::to_value(schema_for!(ChangeView))),
        ("ErrorView", serde_json::to_value(schema_for!(ErrorView))),
    ];
    let mut out = Map::new();
    for (name, root) in roots {
        let Ok(Value::Object(mut root)) = root else {
            continue;
        };
        if let Some(Value::Object(defs)) = root.remove("definitions") {
            for (k, v) in defs {
                out.entry(k).or_insert(v);
            }
        }
        root.remove("$schema");
        out.insert(name.to_string(), Value::Object(root));
    }
    out
}

/// The OpenAPI 3.1 document of every path under `/api`.
pub fn openapi_document() -> Value {
    let mut paths = Map::new();
    for op in OPS {
        let parameters: Vec<Value> = op
            .params
            .iter()
            .map(|(name, place, required, ty, text)| {
                let mut schema = json!({ "type": ty });
                match *name {
                    "view" => schema["enum"] = json!(VIEWS.map(|(v, _)| v)),
                    "dir" => schema["enum"] = json!(["asc", "desc"]),
                    "format" => schema["enum"] = json!(["json", "csv", "xlsx"]),
                    _ => {}
                }
                json!({ "name": name, "in": place, "required": required,
                        "description": text, "schema": schema })
            })
            .collect();
        let schema = match op.response {
            Some(name) => json!({ "$ref": format!("#/components/schemas/{name}") }),
            None => json!({ "type": "object" }),
        };
        let mut content = Map::new();
        content.insert("application/json".into(), json!({ "schema": schema }));
        if op.downloads {
            content.insert("text/csv".into(), json!({ "schema": { "type": "string" } }));
            content.insert(
                crate::download::XLSX_TYPE.into(),
                json!({ "schema": { "type": "string", "contentEncoding": "binary" } }),
            );
        }
        let error = json!({ "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ErrorView" } } } });
        let ok = if op.method == "post" && op.upload {
            "201"
        } else {
            "200"
        };
        let mut responses = Map::new();
        responses.insert(
            ok.into(),
            json!({ "description": "成功", "content": content }),
        );
        if op.upload {
            responses.insert("200".into(), json!({ "description": "文件已在库中", "content": { "application/json": { "schema": schema } } }));
            responses.insert(
                "413".into(),
                json!({ "description": "文件过大", "content": error["content"].clone() }),
            );
            responses.insert(
                "422".into(),
                json!({ "description": "文件无法读取", "content": error["content"].clone() }),
            );
        }
        if op.token {
            responses.insert(
                "401".into(),
                json!({ "description": "需要 API 令牌", "content": error["content"].clone() }),
            );
        }
        if op.path.contains('{') {
            responses.insert(
                "404".into(),
                json!({ "description": "未找到", "content": error["content"].clone() }),
            );
        }
        let mut operation = json!({
            "summary": op.summary,
            "operationId": format!("{}{}", op.method, op.path.replace(['/', '{', '}', '.', '-'], "_")),
            "parameters": parameters,
            "responses": responses,
        });
        if op.token {
            operation["security"] = json!([{ "bearer": [] }]);
        }
        if op.upload {
            operation["requestBody"] = json!({
                "required": true,
                "content": { "multipart/form-data": { "schema": {
                    "type": "object", "required": ["file"],
                    "properties": { "file": { "type": "string", "contentMediaType": "application/octet-stream" } }
                } } }
            });
        }
        let entry = paths
            .entry(op.path.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        entry[op.method] = operation;
    }
    let doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "yusuan 部门预算公开库 API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Every page of the site has a JSON twin under /api with the same path. Reading is public; changes need an API token (Authorization: Bearer …).",
        },
        "paths": paths,
        "components": {
            "schemas": schemas(),
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
        },
    });
    // schemars refers to its definitions; OpenAPI keeps them as components.
    let text = doc
        .to_string()
        .replace("#/definitions/", "#/components/schemas/");
    serde_json::from_str(&text).unwrap_or(doc)
}
