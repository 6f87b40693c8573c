"""croissant.json: MLCommons Croissant 1.0 metadata describing the files of a release.

Every shard is a FileObject with its sha256; each split is one FileSet (data/<split>-*.parquet)
and one RecordSet whose fields are derived from the arrow schema.
"""

from __future__ import annotations

import pyarrow as pa

from .. import schema

CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def _data_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_timestamp(arrow_type):
        return "sc:DateTime"
    if pa.types.is_boolean(arrow_type):
        return "sc:Boolean"
    if pa.types.is_integer(arrow_type):
        return "sc:Integer"
    if pa.types.is_floating(arrow_type):
        return "sc:Float"
    return "sc:Text"


def _field(record_set: str, field: pa.Field, file_set: str, descriptions: dict) -> dict:
    out = {
        "@type": "cr:Field",
        "@id": f"{record_set}/{field.name}",
        "name": field.name,
        "description": descriptions.get(field.name, field.name),
    }
    value_type = field.type.value_type if pa.types.is_list(field.type) else field.type
    if pa.types.is_list(field.type):
        out["repeated"] = True
    source = {"fileSet": {"@id": file_set}, "extract": {"column": field.name}}
    if pa.types.is_struct(value_type):
        out["subField"] = [
            {
                "@type": "cr:Field",
                "@id": f"{record_set}/{field.name}/{sub.name}",
                "name": sub.name,
                "dataType": _data_type(sub.type),
                "source": {**source, "transform": {"jsonPath": sub.name}},
            }
            for sub in value_type
        ]
    else:
        out["dataType"] = _data_type(value_type)
        out["source"] = source
    return out


def build_croissant(manifest: dict, shard_files: list[dict], description: str) -> dict:
    """The Croissant document for a release; ``shard_files`` carry path, split and sha256."""
    arrow = schema.arrow_schema()
    descriptions = {n: s.get("description", n) for n, s in schema.load()["properties"].items()}
    distribution = [
        {
            "@type": "cr:FileObject",
            "@id": f["path"],
            "name": f["path"],
            "description": f"{f['split']} shard, {f['rows']} articles",
            "contentUrl": f["path"],
            "encodingFormat": "application/x-parquet",
            "sha256": f["sha256"],
        }
        for f in shard_files
    ]
    record_sets = []
    for split in manifest["splits"]:
        file_set = f"parquet-{split}"
        distribution.append({
            "@type": "cr:FileSet",
            "@id": file_set,
            "name": file_set,
            "description": f"Parquet shards of the {split} split",
            "encodingFormat": "application/x-parquet",
            "includes": f"data/{split}-*.parquet",
        })
        record_sets.append({
            "@type": "cr:RecordSet",
            "@id": split,
            "name": split,
            "description": f"Articles of the {split} split, one record per article, sorted by id.",
            "key": {"@id": f"{split}/id"},
            "field": [_field(split, f, file_set, descriptions) for f in arrow],
        })
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": manifest["name"],
        "description": description,
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "version": manifest["version"],
        "datePublished": manifest.get("release_date") or None,
        "license": manifest["license"]["croissant"],
        "url": manifest["homepage"],
        "citeAs": manifest["citation"],
        "inLanguage": "id",
        "keywords": ["news", "Indonesian", "Kutai Timur", "Kalimantan Timur", "regional news"],
        "distribution": distribution,
        "recordSet": record_sets,
    }
