#!/usr/bin/env python3
"""Turn the IBM customer-care conversations into Parley's demo stream.

Reads dev.json and test.json of the IBM "Twitter Conversations for Conversational Document
Prediction" data set (Apache-2.0) and writes, under Resources/Demo/:

  ibm-care-stream.jsonl       one X API v2 filtered-stream payload per line, sorted by created_at
  ibm-care-conversations.jsonl one line per IBM conversation: how it maps onto the stream
  handles.json                the 25 brand care accounts, with the brand terms customers say
  LICENSE.txt                 the data set's Apache-2.0 license (copied)
  README.md                   provenance, derivations and counts (generated, so counts stay true)

Python 3 standard library only, no network, deterministic: the same input gives byte-identical
output. Everything that is not in the data set (user ids, follower counts, account creation
dates, display names of brands, the 2026 timeline) is synthetic and derived from SHA-256 of
stable keys, never from a random generator.

Usage: python3 Scripts/make-demo-stream.py [--source DIR] [--out DIR]
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import statistics
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCE = os.environ.get(
    "PARLEY_IBM_DATA",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "ibm-customer-care"))
DEFAULT_OUT = os.path.join(REPO_ROOT, "Resources", "Demo")

# Provenance of the input, as recorded in the reference data's PROVENANCE.md.
SOURCE_REPOSITORY = "https://github.com/IBM/twitter-customer-care-document-prediction"
SOURCE_COMMIT = "453470eea55a1777f798053a6ac6302a9bf80f9a"
SPLITS = ("dev.json", "test.json")

# The replayed timeline.
WINDOW_START = dt.datetime(2026, 11, 16, tzinfo=dt.timezone.utc)
WINDOW_SECONDS = 7 * 24 * 3600
MAX_GAP_SECONDS = 6 * 3600
JITTER_FRACTION = 0.8  # a conversation starts anywhere in the middle 80% of its even slot

TWITTER_EPOCH_MS = 1288834974657  # snowflake ids: (id >> 22) + this = milliseconds since 1970

# The brand care accounts of the data set. Readable names and brand terms are written by hand
# from the username (and, for a few, the product customers name instead of the company).
BRANDS = {
    "AdobeCare": ("Adobe Care", ["adobe", "photoshop", "premiere pro"]),
    "AmazonHelp": ("Amazon Help", ["amazon"]),
    "AppleSupport": ("Apple Support", ["apple", "iphone", "itunes"]),
    "Ask_Spectrum": ("Ask Spectrum", ["spectrum"]),
    "Ask_WellsFargo": ("Wells Fargo", ["wells fargo", "wellsfargo"]),
    "AskPlayStation": ("Ask PlayStation", ["playstation", "psn", "ps4"]),
    "AskeBay": ("Ask eBay", ["ebay"]),
    "ChaseSupport": ("Chase Support", ["chase"]),
    "Delta": ("Delta", ["delta"]),
    "DropboxSupport": ("Dropbox Support", ["dropbox"]),
    "GoDaddyHelp": ("GoDaddy Help", ["godaddy"]),
    "Google": ("Google", ["google", "gmail"]),
    "HPSupport": ("HP Support", ["hp", "hewlett packard"]),
    "hulu_support": ("Hulu Support", ["hulu"]),
    "MicrosoftHelps": ("Microsoft Helps", ["microsoft", "windows 10"]),
    "MojangSupport": ("Mojang Support", ["mojang", "minecraft"]),
    "RockstarSupport": ("Rockstar Support", ["rockstar", "gta online", "red dead online"]),
    "SouthwestAir": ("Southwest Airlines", ["southwest"]),
    "SpotifyCares": ("Spotify Cares", ["spotify"]),
    "TMobileHelp": ("T-Mobile Help", ["t-mobile", "tmobile"]),
    "TeamYouTube": ("Team YouTube", ["youtube", "youtubetv"]),
    "Uber_Support": ("Uber Support", ["uber"]),
    "XboxSupport": ("Xbox Support", ["xbox"]),
    "YahooCare": ("Yahoo Customer Care", ["yahoo", "yahoomail"]),
    "zoom_us": ("Zoom", ["zoom"]),
}
BRAND_BY_LOWER = {name.lower(): name for name in BRANDS}

# @ + 1..15 of [A-Za-z0-9_], not preceded by a word character (nor by the characters
# twitter-text refuses before a mention), and not the first 15 characters of a longer run.
MENTION_RE = re.compile(r"(?<![\w!#$%&*@])@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_@])")
# http/https URLs made of URL characters; trailing punctuation is trimmed afterwards.
URL_RE = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
URL_TRAILING = ".,:;!?'\"*"


# ---------------------------------------------------------------------------------------------
# Deterministic derivations


def sha256(key):
    return hashlib.sha256(key.encode("utf-8")).digest()


def unit(key):
    """A deterministic number in [0, 1) from a key."""
    return int.from_bytes(sha256(key)[:8], "big") / 2.0**64


def derived_id(key):
    """A decimal string < 2^63 from a key, as X numeric ids are."""
    value = int.from_bytes(sha256(key)[:8], "big") & (2**63 - 1)
    return str(value or 1)


def user_id(screen_name):
    return derived_id(screen_name.lower())


def rule_id(brand_username):
    return derived_id("rule:handle:" + brand_username.lower())


def iso(seconds):
    return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def parse_iso(text):
    return int(dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.000Z").replace(tzinfo=dt.timezone.utc).timestamp())


def snowflake_seconds(tweet_id):
    return ((int(tweet_id) >> 22) + TWITTER_EPOCH_MS) // 1000


def clamp(value, low, high):
    return max(low, min(high, value))


def user_object(screen_name):
    """The X v2 user object for a screen name. All numbers and dates are synthetic."""
    lower = screen_name.lower()
    brand = BRAND_BY_LOWER.get(lower)
    normal = statistics.NormalDist()

    def z(field):  # a standard normal deviate from the name, per field
        return normal.inv_cdf(clamp(unit(field + ":" + lower), 1e-9, 1 - 1e-9))

    if brand:
        followers = int(10 ** (5.3 + 1.4 * unit("followers:" + lower)))  # ~200k .. 5M
        following = int(10 ** (2.0 + 2.0 * unit("following:" + lower)))
        tweets = int(10 ** (5.3 + 1.2 * unit("tweets:" + lower)))
        listed = followers // 250
        name = BRANDS[brand][0]
        username = brand
    else:
        # log10(followers) ~ Normal(2.0, 0.95): median ~100, ~77% under 500, ~2% over 10k.
        followers = int(round(10 ** clamp(2.0 + 0.95 * z("followers"), 0.0, 6.3))) - 1
        following = int(round(10 ** clamp(2.4 + 0.6 * z("following"), 0.0, 4.7))) - 1
        tweets = int(round(10 ** clamp(3.2 + 0.8 * z("tweets"), 0.5, 5.8)))
        listed = int(followers * 0.02 * unit("listed:" + lower))
        name = screen_name
        username = screen_name
    created = dt.datetime(2007, 1, 1, tzinfo=dt.timezone.utc).timestamp()
    created += int(unit("created:" + lower) * 11 * 365 * 86400)  # 2007 .. 2017
    return {
        "id": user_id(screen_name),
        "name": name,
        "username": username,
        "created_at": iso(created),
        "verified": False,
        "public_metrics": {
            "followers_count": followers,
            "following_count": following,
            "tweet_count": tweets,
            "listed_count": listed,
        },
    }


# ---------------------------------------------------------------------------------------------
# Entities


def display_url(url):
    rest = re.sub(r"^https?://", "", url)
    if rest.lower().startswith("www."):
        rest = rest[4:]
    cut = len(rest)
    for sep in "/?#":
        pos = rest.find(sep)
        if pos != -1:
            cut = min(cut, pos)
    host, path = rest[:cut], rest[cut:]
    return host + (path[:15] + "\u2026" if len(path) > 15 else path)


def extract_urls(text):
    urls = []
    for match in URL_RE.finditer(text):
        url = match.group(0)
        while url:
            if url[-1] in URL_TRAILING:
                url = url[:-1]
            elif url[-1] == ")" and url.count("(") < url.count(")"):
                url = url[:-1]
            elif url[-1] == "]" and url.count("[") < url.count("]"):
                url = url[:-1]
            else:
                break
        if not re.match(r"https?://[A-Za-z0-9]", url):
            continue
        start = match.start()
        expanded = url.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        urls.append({
            "start": start,
            "end": start + len(url),
            "url": url,
            "expanded_url": expanded,
            "display_url": display_url(expanded),
        })
    return urls


def extract_entities(text):
    """Mentions and URLs with X API v2 offsets: Unicode code points, end exclusive.
    Python str indices are code points, so the offsets are plain slice bounds."""
    urls = extract_urls(text)
    mentions = []
    for match in MENTION_RE.finditer(text):
        start, end = match.start(), match.end()
        if any(u["start"] <= start < u["end"] for u in urls):
            continue  # an @ inside a URL (medium.com/@someone) is not a mention
        name = match.group(1)
        mentions.append({"start": start, "end": end, "username": name, "id": user_id(name)})
    entities = {}
    if mentions:
        entities["mentions"] = mentions
    if urls:
        entities["urls"] = urls
    return entities


# ---------------------------------------------------------------------------------------------
# Loading


def load_conversations(source):
    conversations = []
    for split in SPLITS:
        with open(os.path.join(source, split), encoding="utf-8") as f:
            raw = json.load(f)
        for index, conv in enumerate(raw):
            header = conv["dialogHeader"]
            company = header["company"]
            assert company in BRANDS, "unknown brand " + company
            turns = []
            for item in conv["dialogContent"]:
                if "agent" in item:
                    role, author = "brand", item["agent"]
                    assert author in BRANDS, "unknown agent " + author
                else:
                    keys = [k for k in ("client", "client1") if k in item]
                    assert len(keys) == 1, item
                    role, author = "customer", item[keys[0]]
                seconds = parse_iso(item["datetime"])
                assert abs(seconds - snowflake_seconds(item["tweet_ID"])) <= 1, item["tweet_ID"]
                turns.append({"role": role, "author": author, "text": item["message"],
                              "orig_id": item["tweet_ID"], "orig_time": seconds, "source": "dialogContent"})
            agent_url = conv["agentURL"]
            # agentURL is the agent's reply with the help-document link. Its `turn` is 1-based and
            # always one past the last dialogContent turn; it carries no datetime, so its time
            # comes from the snowflake id (which agrees with `datetime` on every dialogContent turn).
            assert int(agent_url["turn"]) == len(turns) + 1, (split, index)
            assert int(header["messageCount"]) == len(turns) + 1, (split, index)
            assert agent_url["tweet_ID"] not in {t["orig_id"] for t in turns}, (split, index)
            seconds = snowflake_seconds(agent_url["tweet_ID"])
            assert seconds >= turns[-1]["orig_time"], (split, index)
            turns.append({"role": "brand", "author": company, "text": agent_url["url_utterance"],
                          "orig_id": agent_url["tweet_ID"], "orig_time": seconds, "source": "agentURL",
                          "doc_id": agent_url["doc_id"], "doc_url": agent_url["url"]})
            assert parse_iso(header["conversationDateTime"]) == turns[0]["orig_time"]
            conversations.append({"split": split, "index": index, "session": header["sessionID"],
                                  "company": company, "turns": turns})
    return conversations


# ---------------------------------------------------------------------------------------------
# Building


def assign_ids(conversations):
    """Keep the real tweet ids; give a fresh id to a tweet that an earlier conversation already
    used (the data set repeats a thread's opening tweets in a second conversation). The fresh id
    is a snowflake with the original's timestamp bits and hash-derived worker/sequence bits,
    checked against every real id, so it decodes to the same moment and never collides."""
    real_ids = {t["orig_id"] for c in conversations for t in c["turns"]}
    owner = {}
    minted = set()
    reassigned = []
    for conv in conversations:
        for turn_index, turn in enumerate(conv["turns"]):
            orig = turn["orig_id"]
            if orig not in owner:
                owner[orig] = conv["session"]
                turn["id"] = orig
                continue
            assert owner[orig] != conv["session"], "a tweet repeated inside one conversation"
            counter = 0
            while True:
                low = int.from_bytes(sha256("reid:%s:%s:%d" % (conv["session"], orig, counter))[:4], "big")
                new = str(((int(orig) >> 22) << 22) | (low & (2**22 - 1)))
                if new not in real_ids and new not in minted:
                    break
                counter += 1
            minted.add(new)
            turn["id"] = new
            reassigned.append({"session": conv["session"], "turn": turn_index, "original_id": orig,
                               "new_id": new, "first_used_by": owner[orig]})
    return reassigned


def rebase_times(conversations):
    slot = WINDOW_SECONDS / len(conversations)
    base = int(WINDOW_START.timestamp())
    capped = 0
    for i, conv in enumerate(conversations):
        jitter = JITTER_FRACTION * (unit("start:" + conv["session"]) - 0.5)
        start = base + int(i * slot + slot * (0.5 + jitter))
        conv["start"] = start
        previous = None
        for turn in conv["turns"]:
            if previous is None:
                turn["time"] = start
            else:
                gap = turn["orig_time"] - previous["orig_time"]
                if gap > MAX_GAP_SECONDS:
                    gap = MAX_GAP_SECONDS
                    capped += 1
                turn["time"] = previous["time"] + gap
            previous = turn
    return capped


def build_lines(conversations):
    users = {}

    def user(name):
        key = name.lower()
        if key not in users:
            users[key] = user_object(name)
        return users[key]

    records = []
    for conv_order, conv in enumerate(conversations):
        conversation_id = conv["turns"][0]["id"]
        conv["conversation_id"] = conversation_id
        parent = None
        for turn_order, turn in enumerate(conv["turns"]):
            author = user(turn["author"])
            data = {
                "id": turn["id"],
                "text": turn["text"],
                "author_id": author["id"],
                "created_at": iso(turn["time"]),
                "conversation_id": conversation_id,
                "lang": "en",
                "edit_history_tweet_ids": [turn["id"]],
            }
            included = [author]
            if parent is not None:
                parent_author = user(parent["author"])
                data["in_reply_to_user_id"] = parent_author["id"]
                data["referenced_tweets"] = [{"type": "replied_to", "id": parent["id"]}]
                if parent_author["id"] != author["id"]:
                    included.append(parent_author)
            entities = extract_entities(turn["text"])
            if entities:
                data["entities"] = entities
            line = {"data": data, "includes": {"users": included}}
            # How would X deliver this tweet to a desk watching the 25 care handles? A mention of a
            # care handle or a reply to a care handle's tweet arrives as a mention; the brand's own
            # tweets arrive from its own account. Anything else only arrives through a stream rule
            # (or recent search) for the brand's terms: those lines carry matching_rules.
            mentions_brand = any(m["username"].lower() in BRAND_BY_LOWER for m in entities.get("mentions", []))
            replies_to_brand = parent is not None and parent["role"] == "brand"
            turn["rule"] = turn["role"] == "customer" and not mentions_brand and not replies_to_brand
            if turn["rule"]:
                line["matching_rules"] = [{"id": rule_id(conv["company"]), "tag": "handle:" + conv["company"]}]
            records.append((turn["time"], conv_order, turn_order, line))
            parent = turn
    records.sort(key=lambda r: (r[0], r[1], r[2]))
    return [r[3] for r in records], users


def dump_line(obj):
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    # Keep every record on one physical line for any line splitter, not just "\n" ones.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085")


# ---------------------------------------------------------------------------------------------
# Self-check


def self_check(stream_path, handles_path, expected_conversations):
    with open(handles_path, encoding="utf-8") as f:
        handles = json.load(f)
    handle_ids = {h["x_user_id"] for h in handles}
    seen = {}  # tweet id -> conversation id
    conversation_ids = set()
    authors_of_brand_turns = set()
    last_created = ""
    counts = {"lines": 0, "replies": 0, "matching_rules": 0, "customer": 0, "brand": 0,
              "mentions": 0, "urls": 0}
    with open(stream_path, encoding="utf-8") as f:
        for raw in f:
            assert raw.endswith("\n")
            line = json.loads(raw)  # every line parses on its own
            counts["lines"] += 1
            data = line["data"]
            assert set(line) <= {"data", "includes", "matching_rules"}
            assert data["id"] not in seen, "duplicate tweet id " + data["id"]
            assert data["created_at"] >= last_created, "stream not sorted"
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", data["created_at"])
            last_created = data["created_at"]
            assert data["edit_history_tweet_ids"] == [data["id"]]
            users = {u["id"]: u for u in line["includes"]["users"]}
            assert line["includes"]["users"][0]["id"] == data["author_id"]
            is_brand = data["author_id"] in handle_ids
            counts["brand" if is_brand else "customer"] += 1
            if is_brand:
                authors_of_brand_turns.add(data["author_id"])
            refs = data.get("referenced_tweets")
            if refs is None:
                assert "in_reply_to_user_id" not in data
                assert data["conversation_id"] == data["id"]
                conversation_ids.add(data["id"])
            else:
                counts["replies"] += 1
                assert len(refs) == 1 and refs[0]["type"] == "replied_to"
                parent = refs[0]["id"]
                assert seen.get(parent) == data["conversation_id"], "parent missing or in another conversation"
                assert data["in_reply_to_user_id"] in users
            if "matching_rules" in line:
                counts["matching_rules"] += 1
                assert not is_brand
                tags = [r["tag"] for r in line["matching_rules"]]
                assert all(t.startswith("handle:") for t in tags)
            text = data["text"]
            for m in data.get("entities", {}).get("mentions", []):
                assert text[m["start"]:m["end"]] == "@" + m["username"]
                assert m["id"] == user_id(m["username"])
                counts["mentions"] += 1
            for u in data.get("entities", {}).get("urls", []):
                assert text[u["start"]:u["end"]] == u["url"]
                counts["urls"] += 1
            for key in ("mentions", "urls"):
                assert data.get("entities", {}).get(key, [1]) != []
            seen[data["id"]] = data["conversation_id"]
    assert len(conversation_ids) == expected_conversations, len(conversation_ids)
    assert set(seen.values()) == conversation_ids
    assert authors_of_brand_turns <= handle_ids
    assert len(handle_ids) == len(handles)
    return counts


# ---------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="folder with dev.json, test.json, LICENSE.txt")
    parser.add_argument("--out", default=DEFAULT_OUT, help="output folder (default Resources/Demo)")
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary folder and fail if the shipped files differ")
    args = parser.parse_args()
    if args.check:
        import filecmp
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            subprocess_args = [sys.executable, os.path.abspath(__file__), "--source", args.source, "--out", tmp]
            import subprocess
            subprocess.run(subprocess_args, check=True, stdout=subprocess.DEVNULL)
            names = sorted(os.listdir(tmp))
            _, mismatch, errors = filecmp.cmpfiles(tmp, args.out, names, shallow=False)
            if mismatch or errors:
                print("demo stream out of date: %s; run python3 Scripts/make-demo-stream.py" % (mismatch + errors))
                return 1
            print("demo stream matches its generator (%d files)" % len(names))
            return 0
    os.makedirs(args.out, exist_ok=True)

    conversations = load_conversations(args.source)
    split_rank = {name: rank for rank, name in enumerate(SPLITS)}
    conversations.sort(key=lambda c: (c["turns"][0]["orig_time"], split_rank[c["split"]], c["index"]))
    reassigned = assign_ids(conversations)
    capped = rebase_times(conversations)
    lines, users = build_lines(conversations)

    stream_path = os.path.join(args.out, "ibm-care-stream.jsonl")
    with open(stream_path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(dump_line(line) + "\n")

    handles = []
    for username in sorted(BRANDS, key=str.lower):
        name, terms = BRANDS[username]
        assert 1 <= len(terms) <= 3 and all(t == t.lower() for t in terms)
        handles.append({"x_user_id": user_id(username), "username": username, "name": name,
                        "role": "care", "terms": terms})
    handles_path = os.path.join(args.out, "handles.json")
    with open(handles_path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(handles, f, ensure_ascii=False, indent=2)
        f.write("\n")

    sidecar_path = os.path.join(args.out, "ibm-care-conversations.jsonl")
    reassigned_by_session = {}
    for r in reassigned:
        reassigned_by_session.setdefault(r["session"], {})[r["new_id"]] = r["original_id"]
    with open(sidecar_path, "w", encoding="utf-8", newline="\n") as f:
        for conv in conversations:
            last = conv["turns"][-1]
            entry = {
                "conversation_id": conv["conversation_id"],
                "brand": conv["company"],
                "ibm_split": conv["split"].split(".")[0],
                "ibm_session_id": conv["session"],
                "ibm_start": iso(conv["turns"][0]["orig_time"]),
                "tweet_ids": [t["id"] for t in conv["turns"]],
                "agent_url": {"tweet_id": last["id"], "doc_id": last["doc_id"], "url": last["doc_url"]},
            }
            if conv["session"] in reassigned_by_session:
                entry["reassigned_ids"] = reassigned_by_session[conv["session"]]
            f.write(dump_line(entry) + "\n")

    shutil.copyfile(os.path.join(args.source, "LICENSE.txt"), os.path.join(args.out, "LICENSE.txt"))

    counts = self_check(stream_path, handles_path, len(conversations))
    assert counts["lines"] == sum(len(c["turns"]) for c in conversations)
    assert counts["replies"] == counts["lines"] - len(conversations)

    # Term coverage of the rule-delivered lines, with the same whole-word test as BrandDirectory.
    def says(term, text):
        for m in re.finditer(re.escape(term), text.lower()):
            before = text[m.start() - 1] if m.start() > 0 else " "
            after = text[m.end()] if m.end() < len(text) else " "
            if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
                return True
        return False

    rule_turns = [(c["company"], t["text"]) for c in conversations for t in c["turns"] if t["rule"]]
    with_term = sum(1 for brand, text in rule_turns if any(says(term, text) for term in BRANDS[brand][1]))

    customers = {u["id"] for key, u in users.items() if key not in BRAND_BY_LOWER}
    stats = {
        "lines": counts["lines"],
        "conversations": len(conversations),
        "brands": len(handles),
        "brands_authoring": len({t["author"] for c in conversations for t in c["turns"] if t["role"] == "brand"}),
        "customer_turns": counts["customer"],
        "agent_turns": counts["brand"],
        "agent_turns_agenturl": len(conversations),
        "replies": counts["replies"],
        "matching_rules": counts["matching_rules"],
        "matching_rules_with_term": with_term,
        "customers": len(customers),
        "mentions": counts["mentions"],
        "urls": counts["urls"],
        "reassigned_ids": len(reassigned),
        "capped_gaps": capped,
        "first_created_at": lines[0]["data"]["created_at"],
        "last_created_at": lines[-1]["data"]["created_at"],
        "last_conversation_start": iso(conversations[-1]["start"]),
        "orig_first": iso(conversations[0]["turns"][0]["orig_time"]),
        "orig_last": iso(conversations[-1]["turns"][0]["orig_time"]),
    }
    write_readme(os.path.join(args.out, "README.md"), stats, reassigned)
    for key, value in stats.items():
        print("%-26s %s" % (key, value))
    for r in reassigned:
        print("reassigned %s -> %s (session %s turn %d; first used by %s)"
              % (r["original_id"], r["new_id"], r["session"], r["turn"], r["first_used_by"]))
    return 0


README = """# Demo stream: IBM customer-care conversations as X API v2 payloads

Generated by `python3 Scripts/make-demo-stream.py` (Python 3 standard library, no network,
deterministic: rerunning gives byte-identical files). Do not edit these files by hand; change the
script and rerun it. `--source DIR` points it at another copy of the data set (default
`$PARLEY_IBM_DATA` or `/work/shared/data/ibm-customer-care`).

## Source

- Data set: IBM, "Twitter Conversations dataset for Conversational Document Prediction"
  (Ganhotra et al., *Conversational Document Prediction to Assist Customer Care Agents*, EMNLP 2020).
- Repository: {repo}, commit `{commit}`; files `dev.json` (525 conversations) and `test.json` (500).
- License: Apache License 2.0, copied here as `LICENSE.txt`. The tweets are public posts collected
  by IBM in 2020; the text is kept verbatim (including IBM's own edits: links the agents posted
  are replaced by web.archive.org snapshots, and some customer links by the word `link`).

## Files

| file | what |
|---|---|
| `ibm-care-stream.jsonl` | {lines} lines, one post each, in X API v2 filtered-stream shape, sorted by `created_at` |
| `help-articles.json` | the demo help center, made by `Scripts/make-demo-help.py` and described in `help-articles.md` |
| `handles.json` | the {brands} brand care accounts: `x_user_id`, `username`, `name`, `role` (`care`), `terms` |
| `ibm-care-conversations.jsonl` | one line per IBM conversation: `conversation_id`, brand, IBM split and `sessionID`, original start, the stream's tweet ids in turn order, the agent's linked help document (`doc_id`, `url`: the data set's label), and any reassigned ids |
| `LICENSE.txt` | the data set's license |

## Line format

```
{{"data": {{"id", "text", "author_id", "created_at", "conversation_id", "lang": "en",
           "edit_history_tweet_ids": [id],
           "in_reply_to_user_id", "referenced_tweets": [{{"type": "replied_to", "id"}}],   (replies only)
           "entities": {{"mentions": [{{"start", "end", "username", "id"}}],
                        "urls": [{{"start", "end", "url", "expanded_url", "display_url"}}]}}}},  (only when non-empty)
 "includes": {{"users": [author, replied-to author if different]}},
 "matching_rules": [{{"id", "tag": "handle:<BrandUsername>"}}]}}                              (some customer posts only)
```

Nothing outside the X API v2 fields is added to `data`; everything about the original data set is
in `ibm-care-conversations.jsonl`.

## What was derived, and how

- **Conversations.** Each IBM conversation is one X conversation. Its turns are the
  `dialogContent` turns followed by the `agentURL` turn (the agent's reply that links the help
  document): `agentURL.turn` is 1-based and always one past the last `dialogContent` turn, and its
  id never repeats a `dialogContent` turn of the same conversation. `conversation_id` is the first
  turn's id. Every later turn is a reply to the turn before it (`referenced_tweets` replied_to the
  previous id, `in_reply_to_user_id` its author), including a customer's follow-up to their own
  post. The first turn has no reply fields, even where its text shows it answered a post outside
  the data set.
- **Authors.** `client` and `client1` (a second customer joining the thread) are customers, as
  IBM labelled them (a few such posts are by a brand's main account, e.g. a T-Mobile announcement
  that a customer then replied to). Agent
  turns are written by the `agent` field's account, the `agentURL` turn by the conversation's
  `company`. These differ once: an AppleSupport conversation contains two AmazonHelp replies.
- **Users (synthetic).** The data set has screen names only. User id = the first 8 bytes of
  SHA-256 of the lowercased screen name, as a decimal below 2^63 (so mentions, authors and
  `handles.json` agree, whatever the case of an @mention). `name` is the screen name for
  customers and the readable brand name from `handles.json` for brands. `verified` is always
  false. `created_at` is a hash-derived date in 2007-2017. Public metrics are hash-derived:
  customers' log10(followers) ~ Normal(2.0, 0.95) (median ~100, most under 500, a few over 10k);
  brands 200k-5M followers. None of these numbers are real.
- **Entities.** Mentions are `@` + 1-15 of `[A-Za-z0-9_]`, not preceded by a word character (or
  `!#$%&*@`) and not followed by another name character; an `@` inside a URL is not a mention. URLs
  are `http(s)://` runs of URL characters, minus trailing punctuation and unbalanced brackets. The
  text holds full URLs, not t.co links, so `url` is the URL as it appears in the text,
  `expanded_url` the same with `&amp;` unescaped, and `display_url` X's style (no scheme, no
  `www.`, host plus the first 15 characters of the path, then `\u2026`). `start`/`end` are Unicode code
  point offsets into `text` exactly as it is here (with the source's HTML escapes `&amp;`, `&lt;`,
  `&gt;` left in, as X v2 sends text), end exclusive: the checks assert `text[start:end]` equals
  the mention or URL. Posts with characters outside the
  BMP (emoji) make these differ from UTF-16 offsets. `lang` is always `en` (a few posts are not).
- **matching_rules.** A desk watching the 25 care handles receives a customer post as a mention
  when it @mentions one of the care handles, or as a reply when it answers a care handle's post;
  the brand's own posts come from its account. The {rules} customer posts that are neither (people
  who name the brand, or tag its main account such as `@Spotify`, without the care handle) could
  only arrive through a filtered-stream rule or recent search for the brand: they carry
  `matching_rules: [{{"id": <hash-derived rule id>, "tag": "handle:<conversation's company>"}}]`. Of
  them, {rules_term} say one of the brand's `terms` as a whole word (the test `BrandDirectory` uses:
  letters, digits and `_` are word characters, so `@Spotify` says "spotify" but `@AdobePremiere`
  does not say "adobe"). The others tag a sibling account (`@AdobePremiere`, `@YouTubeTV`,
  `@eBay_UK`, `@Windows`, ...) or are replies inside a thread that never name the brand: X would
  deliver those through a `conversation_id:` rule, not a term rule.
- **Time (synthetic).** The original posts run from {orig_first} to {orig_last} (conversation
  starts), sparsely. Conversations are ordered by original start (ties: dev before test, then file
  order) and their starts spread evenly over the 7 days from 2026-11-16T00:00:00Z: conversation
  *i* starts in the middle 80% of slot *i* of 7 days / {conversations}, at a hash-derived point, so
  the order is kept. Each turn keeps its original offset from the turn before it, but no single
  gap exceeds 6 hours ({capped} gaps were capped). So the stream runs from {first} to {last}
  (the last conversation starts {last_start}). The tweet ids are the real ones and their
  snowflake timestamps are in 2018-2020: **ids do not increase with `created_at` in this stream**;
  order by `created_at`, not by id, and don't use these ids as `since_id` cursors.
- **Duplicates.** The two files hold 2,350 turns but only 2,343 distinct tweet ids. The 7 repeats
  are three threads that appear in two IBM conversations each:
  - TeamYouTube, `qJxIXxiBuAlVHGoCRGtt` and `OehDOJPR1QMIdE2xW3WG` (both dev): the same four tweets
    (customer, agent, customer, agentURL reply) in both; only the header's `sessionID` and
    `duration` differ. 4 ids.
  - RockstarSupport, `6HRUKDArHAEehXB4g1ee` and `6AZdvQjocqUUee44kV9n` (both dev): the same
    customer post and agent question, then two different customers answer the question and each
    gets their own agentURL reply. 2 ids.
  - AppleSupport, `3WwK3dPeYGIx21aYEWIk` and `jnIM0jSNnqGefJD3lheG` (both test): the same opening
    post, then one conversation follows a second customer's "ditto", the other the agent's
    exchange with the first customer. 1 id.

  No `agentURL` turn repeats a `dialogContent` turn. On X these are one thread each (a tree), but
  Parley's demo needs every IBM conversation as its own conversation, none merged into another.
  So the conversation that comes first (by start, then dev/test and file order) keeps the real
  ids, and in the later one each repeated tweet gets a new id: a snowflake with the same
  timestamp bits and hash-derived low 22 bits, checked against every real id. Its replies point at
  the new ids, and its `conversation_id` is the new id of its first turn. The texts stay
  verbatim, so the demo shows these openings twice (the TeamYouTube thread fully twice), in two
  conversations about ten minutes apart. The reassigned ids are listed at the end of this file and
  in `ibm-care-conversations.jsonl` (`reassigned_ids`: new id -> original id).

## Counts

| | |
|---|---|
| lines (posts) | {lines} |
| conversations (distinct `conversation_id`) | {conversations} |
| brands (`handles.json`) | {brands} (all {brands_authoring} author agent posts) |
| customer posts | {customer_turns} |
| brand (agent) posts | {agent_turns} ({agenturl} of them the `agentURL` turn) |
| replies (`referenced_tweets`) | {replies} |
| posts with `matching_rules` | {rules} |
| distinct customers | {customers} |
| mention entities / URL entities | {mentions} / {urls} |
| reassigned ids | {reassigned} |
| gaps capped at 6 h | {capped} |

## Reassigned ids

| conversation (sessionID) | turn (1-based) | original id | id in the stream | first used by |
|---|---|---|---|---|
{reassigned_rows}
"""


def write_readme(path, s, reassigned):
    rows = "\n".join("| `%s` | %d | %s | %s | `%s` |" % (r["session"], r["turn"] + 1, r["original_id"],
                                                        r["new_id"], r["first_used_by"]) for r in reassigned)
    text = README.format(
        repo=SOURCE_REPOSITORY, commit=SOURCE_COMMIT, lines=s["lines"], brands=s["brands"],
        brands_authoring=s["brands_authoring"], conversations=s["conversations"],
        customer_turns=s["customer_turns"], agent_turns=s["agent_turns"],
        agenturl=s["agent_turns_agenturl"], replies=s["replies"], rules=s["matching_rules"],
        rules_term=s["matching_rules_with_term"], customers=s["customers"], mentions=s["mentions"],
        urls=s["urls"], reassigned=s["reassigned_ids"], capped=s["capped_gaps"],
        first=s["first_created_at"], last=s["last_created_at"], last_start=s["last_conversation_start"],
        orig_first=s["orig_first"], orig_last=s["orig_last"], reassigned_rows=rows)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
