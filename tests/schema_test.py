#!/usr/bin/env python3
"""Validates what xxgk prints against the schemas in docs/.

    schema_test.py XXGK CORPUS [--jsonl FILE]

Runs `xxgk parse` on every report of the corpus (documents, encodings, collapsed, synthetic) and
validates each AST against docs/ast.schema.json, and `xxgk check --format=json` and validates
each finding against its $defs/finding. Then it runs `xxgk batch` over the
corpus documents and files that cannot be read (binary, empty, a name that is not UTF-8) and
validates each JSON Lines record against docs/batch-record.schema.json; with --jsonl, each line
of FILE as well.

The schemas are held closed here: every "type": "object" that lists its properties gets
additionalProperties false, so a field the program prints and the schema does not describe fails
too (the published schemas stay open, as adding a field does not raise schema_version).

Prints each failure with the file and the JSON path, then `schema: N passed, M failed`; exits
non-zero on any failure. Runs with Debian 12's python3-jsonschema (4.10) and with newer ones.
"""

import argparse
import shutil
import tempfile
import copy
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

DOCS = Path(__file__).resolve().parent.parent / "docs"
AST_ID = "ast.schema.json"
RECORD_ID = "batch-record.schema.json"
# The corpus folders that hold whole reports (grammar/ holds test cases for single rules).
REPORT_FOLDERS = ("documents", "encodings", "collapsed", "synthetic")


def closed(schema):
    """The schema with every object that lists its properties closed to other properties."""
    schema = copy.deepcopy(schema)

    def close(node):
        if isinstance(node, dict):
            # Only objects typed as such: the properties of an if/then are conditions, not a list.
            if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    return schema


def validator_for(schema, schemas):
    """A Draft 2020-12 validator with format checking that resolves $ref among `schemas`."""
    cls = jsonschema.Draft202012Validator
    format_checker = getattr(cls, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
    try:  # jsonschema 4.18 and later: the referencing library
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        registry = Registry().with_resources(
            (s["$id"], DRAFT202012.create_resource(s)) for s in schemas)
        return cls(schema, registry=registry, format_checker=format_checker)
    except ImportError:  # Debian 12's 4.10: a RefResolver with the schemas in its store
        resolver = jsonschema.RefResolver.from_schema(schema, store={s["$id"]: s for s in schemas})
        return cls(schema, resolver=resolver, format_checker=format_checker)


def json_path(parts):
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def short(message, limit=240):
    """The message without most of the instance it quotes (a whole AST, at times)."""
    return message if len(message) <= limit else message[:limit] + " …"


def problems(validator, instance, prefix=()):
    """`$.json.path: message` for each way the instance fails, with why each branch of a oneOf failed."""
    out = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
        where = json_path(list(prefix) + list(error.absolute_path))
        out.append(f"{where}: {short(error.message)}")
        for reason in error.context:  # oneOf/anyOf: why each branch failed
            out.append(f"    {json_path(list(prefix) + list(reason.absolute_path))}: {short(reason.message)}")
    return out


def documents(text):
    """The JSON documents printed one after another (`xxgk parse` prints one a file), and what
    stopped the reading early ("" when nothing did)."""
    decoder = json.JSONDecoder()
    at, out = 0, []
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at == len(text):
            return out, ""
        try:
            document, at = decoder.raw_decode(text, at)
        except json.JSONDecodeError as e:
            return out, f"not JSON: {e}"
        out.append(document)


def corpus_reports(corpus):
    """The report files, grouped by the flags they are read with."""
    groups = {(): [], ("--lossy",): []}
    for folder in REPORT_FOLDERS:
        for path in sorted([*(corpus / folder).rglob("*.txt"), *(corpus / folder).rglob("*.html"),
                            *(corpus / folder).rglob("*.docx")]):
            # html2text cuts characters apart: its users read it with --lossy, as tools/corpus.cpp does.
            groups[("--lossy",) if path.parent.name == "html2text" else ()].append(str(path))
    return groups


def run(xxgk, args):
    done = subprocess.run([xxgk, *args], capture_output=True, encoding="utf-8", check=False)
    return done.returncode, done.stdout, done.stderr


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, name, found):
        if found:
            self.failed += 1
            print(f"FAIL {name}")
            for line in found:
                print(f"  {line}")
        else:
            self.passed += 1


def metadata_problems(path, report):
    """A file that opens with a crawler archive's header block (`标题:` … `==== 正文 ====`) has its
    metadata read: the title, date and address of its `标题:`, `发布时间:` and `原文链接:` lines.
    Any other file has none."""
    head = Path(path).read_bytes()[:4096].decode("utf-8", "replace").split("\n")
    fields = {}
    for line in head:
        if line.strip().strip("=").strip() == "正文":
            break
        name, colon, value = line.partition(":")
        if colon:
            fields.setdefault(name.strip(), value.strip())
    else:
        fields = None
    metadata = report.get("metadata")
    if not fields:
        return [] if metadata is None else [f"$.metadata: {metadata!r} for a file without a header block"]
    expected = {"title": fields.get("标题", ""), "published": fields.get("发布时间", ""),
                "source_url": fields.get("原文链接", ""), "line": 1, "column": 1}
    if metadata != expected:
        return [f"$.metadata: {metadata!r}, the header block says {expected!r}"]
    return []


def check_corpus(xxgk, corpus, ast, finding, tally):
    for flags, files in corpus_reports(corpus).items():
        if not files:
            continue
        # One run of each for all the files: xxgk starts once, not once a file (ASan).
        status, out, err = run(xxgk, ["parse", *flags, *files])
        printed, broken = documents(out)
        asts = {d.get("path"): d for d in printed if isinstance(d, dict)}
        status_check, out_check, err_check = run(xxgk, ["check", "--format=json", *flags, *files])
        all_findings, broken_check = documents(out_check)
        findings = {}
        for f in all_findings[0] if all_findings and isinstance(all_findings[0], list) else []:
            findings.setdefault(f.get("file") if isinstance(f, dict) else None, []).append(f)
        for path in files:
            found = [f"xxgk parse: {broken}"] if broken else []
            if path in asts:
                found += problems(ast, asts[path])
                found += metadata_problems(path, asts[path])
            else:
                found.append(f"xxgk parse printed no AST (exit {status}): {err.strip()}")
            if broken_check or len(all_findings) != 1:
                found.append(f"xxgk check printed no array of findings (exit {status_check}): "
                             f"{broken_check or err_check.strip()}")
            elif path in err_check:
                found.append(f"xxgk check: {err_check.strip()}")
            for i, f in enumerate(findings.get(path, [])):
                found += problems(finding, f, ("findings", i))
            tally.record(path, found)
        for f in findings.get(None, []):  # not an object, or one without its file
            tally.record("xxgk check --format=json", problems(finding, f))


def check_jsonl(path, record, tally):
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            name = f"{path}:{number}"
            try:
                instance = json.loads(line)
            except json.JSONDecodeError as e:
                tally.record(name, [f"not JSON: {e}"])
                continue
            found = problems(record, instance)
            tally.record(f"{name} ({instance.get('path', '?')})" if isinstance(instance, dict) else name, found)


def batch_of_documents(xxgk, corpus, scratch):
    """`xxgk batch` over the corpus documents and files that cannot be read, into a JSONL file."""
    folder = Path(scratch) / "in"
    folder.mkdir()
    for document in sorted([*(corpus / "documents").glob("*.txt"), *(corpus / "documents").glob("*.html"),
                            *(corpus / "documents").glob("*.docx")]):
        (folder / document.name).write_bytes(document.read_bytes())
    (folder / "binary.txt").write_bytes(b"abc\0def")
    (folder / "empty.txt").write_bytes(b"")
    (folder / b"\xb9\xe6\xd5\xc2.txt".decode("utf-8", "surrogateescape")).write_bytes(
        (corpus / "documents" / "004_12d7c137f1960f71.txt").read_bytes())
    out = Path(scratch) / "out.jsonl"
    subprocess.run([xxgk, "batch", str(folder), "-o", str(out)], check=True, capture_output=True)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xxgk", help="the xxgk binary")
    parser.add_argument("corpus", type=Path, help="tests/corpus")
    parser.add_argument("--jsonl", help="an output of `xxgk batch -o FILE.jsonl` to validate too")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp()
    try:
        return validate_all(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def validate_all(args, scratch):

    schemas = [closed(json.loads((DOCS / name).read_text(encoding="utf-8")))
               for name in ("ast.schema.json", "batch-record.schema.json")]
    for schema in schemas:
        jsonschema.Draft202012Validator.check_schema(schema)
    ast_schema, record_schema = schemas
    assert ast_schema["$id"] == AST_ID and record_schema["$id"] == RECORD_ID
    ast = validator_for(ast_schema, schemas)
    finding = validator_for({"$ref": AST_ID + "#/$defs/finding"}, schemas)
    record = validator_for(record_schema, schemas)

    tally = Tally()
    check_corpus(args.xxgk, args.corpus, ast, finding, tally)
    check_jsonl(batch_of_documents(args.xxgk, args.corpus, scratch), record, tally)
    if args.jsonl:
        check_jsonl(args.jsonl, record, tally)
    print(f"schema: {tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed or tally.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
