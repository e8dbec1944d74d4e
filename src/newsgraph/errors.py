"""Every error newsgraph reports, coded in one place.

Codes are stable so users can grep logs and filter failures:

    E1xx  input: a file or row that could not become an article
    E2xx  store: opening, migrating or writing the store
    E3xx  pipeline: the NLP model and worker processes
    E4xx  usage: arguments the CLI or API was given

    NewsgraphError
    ├── InputFailure      one input is bad; the batch goes on
    ├── StoreError        the store cannot be opened or written
    ├── ModelError        the spaCy model cannot be loaded
    └── UsageError        arguments that cannot work
"""

from __future__ import annotations


class Errors:
    """Message templates, formatted with str.format."""

    E101 = "No such file or directory"
    E102 = "Cannot read file: {reason}"
    E103 = "Binary file (not text): {reason}"
    E104 = "Empty input: no text after cleaning"
    E105 = "Malformed JSON: {reason}"
    E106 = "Row has no 'text' field (fields: {fields})"
    E107 = "Malformed CSV row: {reason}"
    E108 = "File is larger than the {limit} limit ({size}); raise --max-bytes to read it"
    E109 = "Compressed file expands past the {limit} limit; raise --max-bytes to read it"
    E119 = "Compressed file expands more than {ratio}:1, far beyond what text gives (a decompression bomb?); not read"
    E110 = "Corrupt gzip data: {reason}"
    E111 = "Unknown format {format!r} (known: {known})"
    E112 = "No article text could be extracted from the HTML"
    E113 = "Glob pattern matched no files"
    E114 = "Row's 'text' field is not a string"
    E115 = "Row is larger than the {limit} limit ({size}); raise --max-bytes to read it"
    E116 = "JSON value is not an object (got {kind})"
    E117 = "Malformed metadata sidecar: {reason}; its values are not applied"
    E118 = "Folder holds no article files"
    E120 = "Cannot walk this path: {reason}; the rest of the folder is read"
    E121 = "Broken symbolic link (its target {target!r} does not exist)"
    E122 = "Symbolic link leads back to a folder being read ({target}); not followed"
    E123 = "Removed {count} NUL byte(s) from the text"
    E124 = "HTML nested {depth} levels deep, past the parser's limit of {limit}; {action}"
    S101 = "Not an article file ({what}); skipped"
    S102 = "Hidden file or folder; skipped"
    S103 = "Metadata sidecar (describes the files beside it), not articles; skipped"
    S104 = "Not a regular file or folder; skipped"
    E130 = "Unreadable date {value!r} in the input's metadata; the date is taken from the text instead"
    E199 = "Unexpected error while cleaning this input ({reason}); please report it with --debug output"
    W101 = "Not valid UTF-8; decoded as {fallback} (some characters may be wrong)"
    E150 = "Header must be exactly {expected}, got {found}"
    E151 = "Row has {found} cells; the header has {expected}"
    E152 = "Unknown ISO 3166 alpha-3 code {code!r}"
    E153 = "Unknown {column} {value!r} (known: {known})"
    E154 = "Bad date {value!r} in {column}: use YYYY-MM-DD, YYYY-MM or YYYY"
    E155 = "Tenure ends before it starts ({start} > {end})"
    E156 = "{column} {value!r} is not a slug (lower-case letters, digits, single hyphens)"
    E157 = "person_id {person_id!r} is named {name!r} here but {other!r} on line {line}"
    E158 = "Overlapping tenures of the single-holder office {role} in {country}: {this} and {other} (line {line})"
    E159 = "Row has no source note"
    E160 = "Required column {column} is empty"
    E161 = "Duplicate {what} {value!r} (first on line {line})"
    E162 = "Wikidata id {value!r} is not a Q-number"
    E163 = "Cannot read knowledge file {path}: {reason}"
    E164 = "{what} {value!r} names both {this} and {other} (line {line})"
    E165 = "Cannot tell which knowledge table {path} holds (header or file name not recognised)"
    E166 = "Role phrase {value!r} must be lower case"
    W150 = "Aliases on a later row of {person_id} (put them on the first row only)"
    E170 = "Cannot read Phoenix dictionary {path}: {reason}"
    E171 = "Malformed line ({reason}); skipped"
    E172 = "Bad date {value!r} in [{entry}]: dates are YYMMDD or YYYYMMDD; code skipped"
    E173 = "Date range in [{entry}] ends before it starts; code skipped"
    E174 = "{what} before any entry; skipped"
    E175 = "Entry {name!r} has no usable code; skipped"
    E176 = "Unknown {what} code {value!r} (first seen here): {action}"
    E177 = "Agent {phrase!r} has no [code]; skipped"
    E178 = "Substitution marker !{marker}! is not defined above this line; skipped"
    E179 = "Not valid UTF-8; decoded as {fallback} (some characters may be wrong)"
    E180 = "Cannot read quote cue table {path}, row {line}: {reason}"
    E181 = "Cannot read framing term table {path}, line {line}: {reason}"
    E182 = "Cannot read claim lexicon {path}, line {line}: {reason}"
    E183 = "The tone model {path} is missing: rebuild it with `python -m newsgraph.train tone`"
    E190 = "Cannot read event lexicon {path}, line {line}: {reason}"
    E191 = "Unknown CAMEO code {cameo!r} (not in cameo_codes.tsv)"
    E192 = "Unknown {column} {value!r} (known: {known})"
    E193 = "Mode {mode!r} is not a mode of PLOVER {plover} (known: {known})"
    E194 = "PLOVER {plover!r} does not fit CAMEO {cameo} (expected one of: {expected})"
    E195 = "Duplicate pattern {key} (first on line {line})"
    E196 = "Row has no note"
    E197 = "Required column {column} is empty"
    E198 = "Unknown object class @{name}"
    E189 = "The event model {path} is missing: rebuild it with `python -m newsgraph.train events`"
    E201 = "Cannot open store {path}: {reason}"
    E202 = "Store {path} has schema version {found}, newer than this newsgraph ({known}); upgrade newsgraph"
    E203 = "Unknown table {table!r} (known: {known})"
    E204 = "Unknown export format {format!r} (known: {known})"
    E205 = "Parquet export needs an output file: pass --out FILE"
    E206 = "Cannot migrate store {path} to schema version {version}: {reason}"
    E207 = "Store {path} has schema version {found}, older than this newsgraph ({known}); open it once for writing to migrate it"
    E208 = "Cannot write to store {path}: {reason} (the whole transaction was rolled back)"
    E209 = "Store {path} is open read-only"
    E210 = "Invalid search query {query!r}: {reason}"
    E211 = "Unknown run id {run_id} in store {path}"
    E212 = "Unknown column {column!r} in table {table!r} (known: {known})"
    E214 = "The {format} format holds the {only} table only, not {table!r}: run `newsgraph export {only} --format {format}`"
    E213 = "Cannot write export to {path}: {reason}"
    E215 = "Refusing to write {path}: it is the store {store} (or one of its files); choose another --out"
    E216 = "{path} already exists; pass --force to replace it, or choose another --out"
    E217 = "{path} is read-only: newsgraph does not replace a read-only file, even with --force; make it writable (chmod u+w) or choose another --out"
    E218 = "Cannot write {path}: it is {what}, not a file; choose a file name for --out"
    E219 = "Refusing to write to standard output: it is the store {store}"
    E301 = "Cannot load the spaCy model {name!r}: {reason}. Install it with: pip install -r requirements/model.txt"
    E302 = "NLP failed on this article ({reason}); please report it with --debug output"
    E303 = "A worker process died while analysing this article's batch ({reason})"
    E304 = "Worker processes die before they are ready ({reason}); the run stops here: rerun the same command, with --workers 1 if it keeps happening"
    E401 = "No input paths given"
    E403 = "Not a resolvable line: {reason}"
    E402 = "Option {option} must be {expected}, got {value!r}"
    E404 = "{query!r} names {count} actors; name one (by id, or by more of its name): {candidates}"
    E420 = "No actor matches {query!r}{near}"
    E421 = "Cannot write the report to {path}: {reason}"
    E430 = "No store at {path}: run `newsgraph analyze` first, or pass --store FILE"
    E431 = "Cannot serve the store {path}: {reason}"
    E432 = "Cannot serve on {host}:{port}: {reason}"


class NewsgraphError(Exception):
    """Base class: every error newsgraph raises on purpose is one of these."""

    code = "E000"

    def __init__(self, code: str, **kwargs: object) -> None:
        self.code = code
        template = getattr(Errors, code)
        self.message = template.format(**kwargs)
        super().__init__(f"[{code}] {self.message}")


class InputFailure(NewsgraphError):
    """One input is bad; carries the message for its InputError record."""


class StoreError(NewsgraphError):
    pass


class ModelError(NewsgraphError):
    pass


class UsageError(NewsgraphError):
    pass
