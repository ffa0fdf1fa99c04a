// Unified diffs as changes against a base commit (see tia/vcs/patch.h).
#include "tia/vcs/patch.h"

#include <cstdlib>
#include <string_view>

namespace tia {
namespace {

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// The lines of `text`, each without its '\n'; `ends_newline[i]` says whether line i had one.
struct Lines {
  std::vector<std::string_view> text;
  std::vector<bool> newline;
};

Lines SplitLines(std::string_view text) {
  Lines l;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) {
      l.text.push_back(text.substr(at));
      l.newline.push_back(false);
      break;
    }
    l.text.push_back(text.substr(at, nl - at));
    l.newline.push_back(true);
    at = nl + 1;
  }
  return l;
}

// "a/dir/f.cc" -> "dir/f.cc" (git's prefixes); a timestamp after a tab (diff -u) is dropped.
std::string PatchPath(std::string_view s) {
  if (size_t tab = s.find('\t'); tab != std::string_view::npos) s = s.substr(0, tab);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  if (s.size() >= 2 && s[0] == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  if (s == "/dev/null") return "";
  if (StartsWith(s, "a/") || StartsWith(s, "b/")) s.remove_prefix(2);
  return std::string(s);
}

// "@@ -12,3 +12,4 @@ ..." -> starts and counts (a missing count is 1).
bool ParseHunkHeader(std::string_view line, int* os, int* oc, int* ns, int* nc) {
  if (!StartsWith(line, "@@ -")) return false;
  const char* p = line.data() + 4;
  char* end = nullptr;
  auto num = [&](int* out) {
    long v = std::strtol(p, &end, 10);
    if (end == p || v < 0 || v > 1 << 30) return false;
    *out = static_cast<int>(v);
    p = end;
    return true;
  };
  *oc = *nc = 1;
  if (!num(os)) return false;
  if (*p == ',' && (++p, !num(oc))) return false;
  if (*p++ != ' ' || *p++ != '+') return false;
  if (!num(ns)) return false;
  if (*p == ',' && (++p, !num(nc))) return false;
  return std::string_view(p).substr(0, 3) == " @@";
}

struct PatchHunk {
  int line = 0;  // of its header in the patch
  std::string header;
  int old_start = 0, old_count = 0, new_start = 0, new_count = 0;
  std::vector<std::pair<char, std::string>> body;  // ' ', '-', '+' and the line's text
  bool old_no_newline = false, new_no_newline = false;
};

struct PatchFile {
  int line = 0;  // of its first header line
  std::string old_path, new_path;
  bool added = false, deleted = false, binary = false, renamed = false;
  std::vector<PatchHunk> hunks;
};

}  // namespace

bool ChangesFromPatch(const Repo& repo, const std::string& base, const std::string& text,
                      const std::string& name, std::vector<FileChange>* out, std::string* err) {
  out->clear();
  Lines lines = SplitLines(text);
  std::vector<PatchFile> files;
  auto at = [&](size_t i) { return name + ":" + std::to_string(i + 1) + ": "; };
  PatchFile* cur = nullptr;
  bool in_git_header = false;  // after "diff --git", before "---" or the next file
  for (size_t i = 0; i < lines.text.size(); ++i) {
    std::string_view l = lines.text[i];
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (StartsWith(l, "diff --git ")) {
      files.push_back(PatchFile{});
      cur = &files.back();
      cur->line = static_cast<int>(i + 1);
      // "diff --git a/x b/y": the paths, for changes without ---/+++ (renames, modes).
      std::string_view rest = l.substr(11);
      size_t split = rest.find(" b/");
      if (split != std::string_view::npos) {
        cur->old_path = PatchPath(rest.substr(0, split));
        cur->new_path = PatchPath(rest.substr(split + 1));
      }
      in_git_header = true;
      continue;
    }
    if (in_git_header && cur) {
      if (StartsWith(l, "new file mode")) {
        cur->added = true;
        continue;
      }
      if (StartsWith(l, "deleted file mode")) {
        cur->deleted = true;
        continue;
      }
      if (StartsWith(l, "rename from ") || StartsWith(l, "copy from ")) {
        cur->old_path = std::string(l.substr(l.find("from ") + 5));
        cur->renamed = true;
        continue;
      }
      if (StartsWith(l, "rename to ") || StartsWith(l, "copy to ")) {
        cur->new_path = std::string(l.substr(l.find("to ") + 3));
        continue;
      }
      if (StartsWith(l, "Binary files ") || StartsWith(l, "GIT binary patch")) {
        cur->binary = true;
        continue;
      }
      if (StartsWith(l, "index ") || StartsWith(l, "old mode") || StartsWith(l, "new mode") ||
          StartsWith(l, "similarity index") || StartsWith(l, "dissimilarity index"))
        continue;
    }
    if (StartsWith(l, "--- ") && i + 1 < lines.text.size() &&
        StartsWith(lines.text[i + 1], "+++ ")) {
      if (!in_git_header || !cur) {
        files.push_back(PatchFile{});
        cur = &files.back();
        cur->line = static_cast<int>(i + 1);
      }
      in_git_header = false;
      std::string o = PatchPath(l.substr(4)), n = PatchPath(lines.text[i + 1].substr(4));
      cur->added = o.empty();
      cur->deleted = n.empty();
      if (o.empty() && n.empty())
        return *err = at(i) + "both sides of the file are /dev/null", false;
      cur->old_path = o.empty() ? n : o;
      cur->new_path = n.empty() ? o : n;
      ++i;
      continue;
    }
    if (StartsWith(l, "@@")) {
      if (!cur || in_git_header)
        return *err = at(i) + "a hunk before any file header (--- a/FILE, +++ b/FILE)", false;
      PatchHunk h;
      h.line = static_cast<int>(i + 1);
      h.header = std::string(l.substr(
          0, l.find(" @@", 2) == std::string_view::npos ? l.size() : l.find(" @@", 2) + 3));
      if (!ParseHunkHeader(l, &h.old_start, &h.old_count, &h.new_start, &h.new_count))
        return *err = at(i) + "malformed hunk header '" + std::string(l) +
                      "' (expected @@ -START,COUNT +START,COUNT @@)",
               false;
      int old_left = h.old_count, new_left = h.new_count;
      // A patch whose every line ends in CR LF (mailed, or saved on Windows) carries CRs that
      // are not content; otherwise a CR before the newline is part of the line (a file with
      // CR LF line ends, as `git diff` and `diff -u` write it).
      const bool crlf_patch = !lines.text[i].empty() && lines.text[i].back() == '\r';
      size_t j = i + 1;
      while (old_left > 0 || new_left > 0) {
        if (j >= lines.text.size())
          return *err = at(j - 1) + "the patch ends inside hunk '" + h.header + "' (" +
                        std::to_string(old_left) + " old and " + std::to_string(new_left) +
                        " new lines missing)",
                 false;
        std::string_view b = lines.text[j];
        if (crlf_patch && !b.empty() && b.back() == '\r') b.remove_suffix(1);
        char kind = b.empty() ? ' ' : b[0];  // an empty context line lost its space
        std::string body = b.empty() ? "" : std::string(b.substr(1));
        if (kind == '\\') {
          ++j;
          continue;
        }
        if ((kind == ' ' && (old_left == 0 || new_left == 0)) || (kind == '-' && old_left == 0) ||
            (kind == '+' && new_left == 0) || (kind != ' ' && kind != '-' && kind != '+'))
          return *err = at(j) + "unexpected line in hunk '" + h.header + "': '" +
                        std::string(b.substr(0, 60)) + "' (" + std::to_string(old_left) +
                        " old and " + std::to_string(new_left) + " new lines still expected)",
                 false;
        if (kind != '+') --old_left;
        if (kind != '-') --new_left;
        h.body.emplace_back(kind, std::move(body));
        ++j;
      }
      // "\ No newline at end of file" after the last old or new line.
      while (j < lines.text.size() && StartsWith(lines.text[j], "\\")) {
        char last = h.body.empty() ? ' ' : h.body.back().first;
        if (last != '+') h.old_no_newline = true;
        if (last != '-') h.new_no_newline = true;
        ++j;
      }
      cur->hunks.push_back(std::move(h));
      i = j - 1;
      continue;
    }
    // Anything else outside a hunk (mail headers, a commit message, a signature) is text
    // around the patch, as `git apply` treats it.
  }
  if (files.empty())
    return *err = name +
                  ": no file changes found (expected a unified diff: --- a/FILE, +++ b/FILE, @@ "
                  "hunks)",
           false;

  for (const PatchFile& f : files) {
    FileChange fc;
    fc.old_path = f.old_path;
    fc.new_path = f.new_path;
    fc.status = f.added                                   ? ChangeStatus::kAdded
                : f.deleted                               ? ChangeStatus::kDeleted
                : (f.renamed || f.old_path != f.new_path) ? ChangeStatus::kRenamed
                                                          : ChangeStatus::kModified;
    std::string base_text;
    std::string e;
    if (!f.added) {
      auto id = repo.BlobIdAt(base, f.old_path, &e);
      if (!id) {
        if (!e.empty()) return *err = e, false;
        return *err = name + ":" + std::to_string(f.line) + ": " + f.old_path +
                      " does not exist in " + base.substr(0, 12) + " (the patch changes it)",
               false;
      }
      fc.old_id = *id;
      auto blob = repo.ReadBlob(*id, err);
      if (!blob) return false;
      base_text = std::move(*blob);
    }
    if (f.binary) {
      // A binary patch is not applied: the file changes as a whole (the file level).
      fc.binary = true;
      fc.new_id = f.deleted ? "" : std::string(40, '0');
      out->push_back(std::move(fc));
      continue;
    }
    Lines old_lines = SplitLines(base_text);
    std::string patched;
    size_t next = 0;  // 0-based index of the next old line not yet copied
    int hunk_no = 0;
    int delta = 0;  // new line number minus old line number after the previous hunk
    for (const PatchHunk& h : f.hunks) {
      ++hunk_no;
      auto fail = [&](const std::string& why) {
        *err = name + ":" + std::to_string(h.line) + ": hunk " + std::to_string(hunk_no) + " of " +
               f.old_path + " (" + h.header + ") does not apply to " + base.substr(0, 12) + ": " +
               why;
        return false;
      };
      // Old lines start at old_start (1-based); a count of 0 inserts after old_start.
      size_t start = h.old_count == 0 ? static_cast<size_t>(h.old_start)
                                      : static_cast<size_t>(std::max(h.old_start, 1) - 1);
      if (start < next) return fail("it overlaps the previous hunk");
      if (start > old_lines.text.size())
        return fail("it starts at line " + std::to_string(h.old_start) + " but the file has " +
                    std::to_string(old_lines.text.size()) + " lines");
      for (; next < start; ++next) {
        patched += old_lines.text[next];
        if (old_lines.newline[next]) patched += '\n';
      }
      int old_no = static_cast<int>(start) + 1, new_no = old_no + delta;
      int run_old_start = 0, run_new_start = 0, run_old = 0, run_new = 0;
      auto flush = [&]() {
        if (run_old == 0 && run_new == 0) return;
        Hunk z;
        z.old_start = run_old ? run_old_start : run_old_start - 1;
        z.old_lines = run_old;
        z.new_start = run_new ? run_new_start : run_new_start - 1;
        z.new_lines = run_new;
        fc.hunks.push_back(z);
        run_old = run_new = 0;
      };
      size_t new_index = 0;  // lines of this hunk's new side written so far
      int new_total = 0;
      for (const auto& [kind, body] : h.body) new_total += kind != '-';
      for (const auto& [kind, body] : h.body) {
        if (kind != '+') {
          if (next >= old_lines.text.size())
            return fail("line " + std::to_string(old_no) + " is past the end of the file");
          // Equal, or equal but for the CR of a CR LF line end that the patch lost or
          // gained in transport.
          auto no_cr = [](std::string_view v) {
            return !v.empty() && v.back() == '\r' ? v.substr(0, v.size() - 1) : v;
          };
          if (old_lines.text[next] != body && no_cr(old_lines.text[next]) != no_cr(body))
            return fail("line " + std::to_string(old_no) + " is '" +
                        std::string(old_lines.text[next].substr(0, 60)) + "', the patch expects '" +
                        body.substr(0, 60) + "'");
        }
        if (kind == ' ') {
          flush();
          patched += old_lines.text[next];  // the file's own bytes, CR included
          ++new_index;
          patched += (new_index == static_cast<size_t>(new_total) && h.new_no_newline &&
                      next + 1 == old_lines.text.size())
                         ? ""
                         : "\n";
          ++next;
          ++old_no;
          ++new_no;
          continue;
        }
        if (run_old == 0 && run_new == 0) {
          run_old_start = old_no;
          run_new_start = new_no;
        }
        if (kind == '-') {
          ++run_old;
          ++next;
          ++old_no;
        } else {
          ++run_new;
          ++new_index;
          patched += body;
          if (!(new_index == static_cast<size_t>(new_total) && h.new_no_newline)) patched += '\n';
          ++new_no;
        }
      }
      flush();
      delta = new_no - old_no;
    }
    for (; next < old_lines.text.size(); ++next) {
      patched += old_lines.text[next];
      if (old_lines.newline[next]) patched += '\n';
    }
    if (f.deleted) {
      fc.new_id.clear();
    } else {
      auto id = repo.WriteBlob(patched, err);
      if (!id) return false;
      fc.new_id = *id;
    }
    if (!f.deleted && !f.added && fc.new_id == fc.old_id && fc.old_path == fc.new_path)
      continue;  // a mode change only
    out->push_back(std::move(fc));
  }
  return true;
}

}  // namespace tia
