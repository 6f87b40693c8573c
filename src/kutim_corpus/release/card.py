"""README.md of a release: the Hugging Face dataset card.

The YAML front matter is generated from the files actually written (splits, num_examples,
features from the frozen arrow schema), so `datasets.load_dataset(<folder>)` verifies cleanly.
"""

from __future__ import annotations

import pyarrow as pa
import yaml

from .. import schema, schema_doc

TOP = 15  # rows shown in the count tables
TASKS = ["text-classification", "text-generation", "summarization"]


def feature_yaml(field: pa.Field | pa.DataType, name: str | None = None) -> dict:
    """One feature in the YAML form used by `datasets` >= 4 (dtype / list / struct)."""
    arrow_type = field.type if isinstance(field, pa.Field) else field
    out: dict = {} if name is None else {"name": name}
    if pa.types.is_list(arrow_type):
        item = arrow_type.value_type
        out["list"] = [feature_yaml(f, f.name) for f in item] if pa.types.is_struct(item) else _dtype(item)
    elif pa.types.is_struct(arrow_type):
        out["struct"] = [feature_yaml(f, f.name) for f in arrow_type]
    else:
        out["dtype"] = _dtype(arrow_type)
    return out


def _dtype(arrow_type: pa.DataType) -> str:
    if pa.types.is_timestamp(arrow_type):
        return f"timestamp[{arrow_type.unit}, tz={arrow_type.tz}]" if arrow_type.tz else f"timestamp[{arrow_type.unit}]"
    if pa.types.is_large_string(arrow_type) or pa.types.is_null(arrow_type):
        raise ValueError(f"type {arrow_type} must never reach a release")
    return {"string": "string", "int64": "int64", "double": "float64", "bool": "bool"}[str(arrow_type)]


def size_category(rows: int) -> str:
    for limit, label in [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                         (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")]:
        if rows < limit:
            return label
    return "10M<n<100M"


def front_matter(manifest: dict) -> dict:
    splits = manifest["splits"]
    return {
        "pretty_name": manifest["pretty_name"],
        "language": ["id"],
        "license": manifest["license"]["hub"],
        "license_name": manifest["license"]["name"],
        "multilinguality": "monolingual",
        "task_categories": TASKS,
        "size_categories": [size_category(manifest["selection"]["released_articles"])],
        "source_datasets": ["original"],
        "tags": ["news", "indonesian", "kalimantan-timur", "kutai-timur", "regional-news"],
        "configs": [{
            "config_name": "default",
            "default": True,
            "data_files": [{"split": name, "path": f"data/{name}-*.parquet"} for name in splits],
        }],
        "dataset_info": {
            "config_name": "default",
            "features": [feature_yaml(f, f.name) for f in schema.arrow_schema()],
            "splits": [{"name": name, "num_bytes": s["num_bytes"], "num_examples": s["rows"]} for name, s in splits.items()],
            "download_size": sum(s["bytes"] for s in splits.values()),
            "dataset_size": sum(s["num_bytes"] for s in splits.values()),
        },
    }


def _table(title: str, counts: dict[str, int], total: int) -> list[str]:
    lines = [f"| {title} | articles | share |", "| --- | ---: | ---: |"]
    for key, count in list(counts.items())[:TOP]:
        lines.append(f"| {key.replace('|', '/')} | {count} | {count / total:.1%} |")
    if len(counts) > TOP:
        rest = sum(list(counts.values())[TOP:])
        lines.append(f"| ({len(counts) - TOP} more) | {rest} | {rest / total:.1%} |")
    return lines


def render_card(manifest: dict) -> str:
    yaml_text = yaml.safe_dump(front_matter(manifest), sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{yaml_text}---\n\n" + "\n".join(_prose(manifest)) + "\n"


def _prose(m: dict) -> list[str]:
    version, counts, sel = m["version"], m["counts"], m["selection"]
    total = max(counts["articles"], 1)
    lines = [
        f"# {m['pretty_name']} {version}",
        "",
        "Regional Indonesian news from Kutai Timur (\"Kutim\", Kalimantan Timur) and neighbouring regions, "
        "extracted from the HTML of local news portals into one article per row: clean body text, title, "
        "authors, publication time with its printed UTC offset, section and tags, plus enrichment "
        "(primary region with its Kemendagri code, government agencies, people, quotes, datelines, "
        "advertorial markers) and near-duplicate clusters of syndicated press releases.",
        "",
        f"- Release {version}" + (f", dated {m['release_date']} ({m['release_date_source']})" if m.get("release_date") else ""),
        f"- {counts['articles']} articles, {counts['words']} words, {len(set(counts['by_site']) - {'(unknown)'})} sites",
        f"- Published from {counts['first_published_at'] or 'unknown'} to {counts['last_published_at'] or 'unknown'} (UTC)",
        f"- Schema {m['schema']['version']} (sha256 {m['schema']['hash'][:12]}), content fingerprint {m['content_fingerprint'][:16]}",
        "",
        "## Splits",
        "",
        "| split | articles | files |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {name} | {s['rows']} | {len(s['files'])} |" for name, s in m["splits"].items()]
    lines += ["", m["split_rule"]]
    if m.get("empty_splits"):
        lines += ["", f"Requested splits left out because no article fell into them: {', '.join(m['empty_splits'])}."]
    lines += ["", "## Near-duplicates", ""]
    if sel["dedup"]:
        lines.append(
            f"This release is deduplicated: it keeps only the representative (earliest published member) of "
            f"each near-duplicate cluster, {sel['released_articles']} of the corpus's {sel['corpus_articles']} "
            f"articles ({sel['corpus_articles'] - sel['released_articles']} near-duplicates left out)."
        )
    else:
        lines.append(
            f"This release keeps every article of the corpus ({sel['corpus_articles']}). "
            f"{counts['articles_in_near_duplicate_clusters']} of them belong to "
            f"{counts['near_duplicate_clusters']} near-duplicate cluster{'' if counts['near_duplicate_clusters'] == 1 else 's'} (the same press release re-posted by "
            "several portals); filter on `is_cluster_representative` to keep one per cluster, or use the "
            "`--dedup` release."
        )
    lines += ["", "## Sources", ""] + _table("site", counts["by_site"], total)
    lines += ["", "## Counts", "", "By primary region:", ""] + _table("region", counts["by_region"], total)
    lines += ["", "By agency (articles naming it):", ""] + _table("agency", counts["by_agency"], total)
    lines += ["", "By year of publication:", ""] + _table("year", counts["by_year"], total)
    lines += [
        "", f"Advertorials (paid content, `is_advertorial`): {counts['advertorials']} ({counts['advertorials'] / total:.1%}).",
        "", "## Fields", "",
        "One row per article. Timestamps are `timestamp[us, tz=UTC]` instants; the time as printed, with "
        "its UTC offset, is kept in `published_local`.", "",
        schema_doc.field_table(), "",
        "## How it was built and cleaned", "",
        "Raw HTML pages were read by `kutim build` (kutim-corpus): boilerplate, navigation, scripts, "
        "\"Baca juga\" related-link blocks and site-name suffixes are removed; dates are parsed day-first "
        "with WIB/WITA/WIT offsets; every record is validated against the JSON schema; exact duplicates "
        "(same canonical URL, or same normalised body) are kept once; near-duplicates are clustered with MinHash LSH on the "
        "cleaned body. Pages that are not articles are rejected with a reason and are not in the release.",
    ]
    lines += _build_lines(m.get("corpus", {}).get("build", {}))
    lines += [
        "", "## Known limitations and biases", "",
        "- Regional portals depend on government advertising: many articles are advertorials or "
        "press releases of the regency government and DPRD, written from the official point of view. "
        "`is_advertorial` marks those with a printed marker (\"(adv)\", \"(Adv-DPRD/Tj)\"); unmarked ones remain.",
        "- Syndicated press releases appear on several sites with small edits (see near-duplicates above).",
        "- Coverage follows what was crawled: some sites and periods are over-represented (see the counts).",
        "- Language is guessed per article; Indonesian and Malay are easily confused on short texts.",
        "- Regions, agencies, people and quotes are extracted by rules and dictionaries and contain errors.",
        "", "## Licence and copyright", "",
        "The news texts belong to their publishers. This dataset is distributed for research (text and "
        "data mining, evaluation) with attribution through the `url` and `site` columns; do not "
        "republish the articles. The metadata, enrichment and code are by the kutim-corpus authors.",
        "", "## How to load it", "",
        "Pin the version (Hub tag `v" + version + "`):", "",
        "```python",
        "from datasets import load_dataset",
        f"ds = load_dataset(\"path/to/{version}\")  # this folder; from the Hub: load_dataset(\"ORG/NAME\", revision=\"v{version}\")",
        "",
        "import pandas as pd",
        f"df = pd.read_parquet(\"path/to/{version}/data/\")",
        "",
        "import polars as pl",
        f"lf = pl.scan_parquet(\"path/to/{version}/data/*.parquet\")",
        "",
        "import duckdb",
        f"duckdb.sql(\"SELECT site, count(*) FROM 'path/to/{version}/data/*.parquet' GROUP BY site\").show()",
        "```", "",
        "Check a download with `sha256sum -c SHA256SUMS` or `kutim release verify <folder>`.",
        "", "## How to cite", "",
        "```bibtex",
        f"@misc{{kutim_corpus_{version.replace('.', '_').replace('-', '_')},",
        "  title  = {kutim-corpus: regional Indonesian news from Kutai Timur},",
        f"  note   = {{Version {version}, content fingerprint {m['content_fingerprint'][:16]}}},",
        f"  year   = {{{(m.get('release_date') or '')[:4] or 'n.d.'}}},",
        f"  howpublished = {{\\url{{{m['homepage']}}}}},",
        "}",
        "```",
    ]
    return lines


def _build_lines(build: dict) -> list[str]:
    """What build.json says about the inputs: every input ends as an article or a reject."""
    if "inputs" not in build or "articles" not in build:
        return []
    text = f"The build read {build['inputs']} inputs: {build['articles']} articles and {build.get('rejects', 0)} rejects"
    reasons = build.get("rejects_by_reason") or {}
    if reasons:
        text += " (" + ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items())) + ")"
    text += "."
    if isinstance(build.get("duplicates"), int):
        text += f" Duplicates (same canonical URL or same content as a kept article): {build['duplicates']}."
    if build.get("tool_version"):
        text += f" kutim-corpus {build['tool_version']}."
    return ["", text]
