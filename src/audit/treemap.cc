// Squarified treemap of coverage by directory (see treemap.h).
#include "treemap.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "layout.h"

namespace tia::audit_internal {
namespace {

struct Node {
  std::string name, path;           // last component, path from the root
  size_t own = 0, own_reached = 0;  // functions of the directory's own files
  size_t total = 0, reached = 0;    // with subdirectories
  std::map<std::string, std::unique_ptr<Node>> children;
};

struct Rect {
  double x, y, w, h;
};

void Sum(Node* n) {
  n->total = n->own;
  n->reached = n->own_reached;
  for (auto& [k, c] : n->children) {
    Sum(c.get());
    n->total += c->total;
    n->reached += c->reached;
  }
}

// Red (0 %) through amber to green (100 %).
std::string Colour(double share) {
  int r = share < 0.5 ? 220 : static_cast<int>(220 - (share - 0.5) * 2 * 160);
  int g = share < 0.5 ? static_cast<int>(70 + share * 2 * 120) : 190;
  char buf[16];
  std::snprintf(buf, sizeof(buf), "#%02x%02x%02x", r, g, 80);
  return buf;
}

double Worst(const std::vector<double>& row, double side) {
  double sum = 0, mx = 0, mn = 1e300;
  for (double a : row) {
    sum += a;
    mx = std::max(mx, a);
    mn = std::min(mn, a);
  }
  if (sum <= 0 || mn <= 0) return 1e300;
  double s2 = side * side;
  return std::max(s2 * mx / (sum * sum), (sum * sum) / (s2 * mn));
}

// Places `areas` (sorted descending, summing to r.w * r.h) into r.
std::vector<Rect> Squarify(const std::vector<double>& areas, Rect r) {
  std::vector<Rect> out;
  size_t i = 0;
  while (i < areas.size()) {
    double side = std::min(r.w, r.h);
    std::vector<double> row = {areas[i]};
    size_t j = i + 1;
    while (j < areas.size()) {
      std::vector<double> next = row;
      next.push_back(areas[j]);
      if (Worst(next, side) > Worst(row, side)) break;
      row = std::move(next);
      ++j;
    }
    double sum = 0;
    for (double a : row) sum += a;
    if (r.w >= r.h) {  // a column on the left
      double cw = r.h > 0 ? sum / r.h : 0;
      double y = r.y;
      for (double a : row) {
        double hh = cw > 0 ? a / cw : 0;
        out.push_back({r.x, y, cw, hh});
        y += hh;
      }
      r.x += cw;
      r.w -= cw;
    } else {  // a row on top
      double rh = r.w > 0 ? sum / r.w : 0;
      double x = r.x;
      for (double a : row) {
        double ww = rh > 0 ? a / rh : 0;
        out.push_back({x, r.y, ww, rh});
        x += ww;
      }
      r.y += rh;
      r.h -= rh;
    }
    i = j;
  }
  return out;
}

void Draw(const Node& n, Rect r, int depth, std::string* svg) {
  if (n.total == 0 || r.w < 1 || r.h < 1) return;
  double share = n.total ? static_cast<double>(n.reached) / n.total : 1;
  char buf[512];
  bool label = r.w > 70 && r.h > 16;
  std::snprintf(buf, sizeof(buf),
                "<g class=\"tm\" data-dir=\"%s\"><title>%s: %zu of %zu functions reached "
                "(%.1f %%)</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                "fill=\"%s\" stroke=\"#fff\" stroke-width=\"%d\"/>",
                Escape(n.path).c_str(), Escape(n.path).c_str(), n.reached, n.total, 100.0 * share,
                r.x, r.y, r.w, r.h, Colour(share).c_str(), depth == 0 ? 0 : 1);
  *svg += buf;
  if (label) {
    std::string text = (n.name.empty() ? "." : n.name) + " " +
                       std::to_string(static_cast<int>(100.0 * share + 0.5)) + "%";
    size_t max_chars = static_cast<size_t>(r.w / 7);
    if (text.size() > max_chars) text = text.substr(0, max_chars > 1 ? max_chars - 1 : 0) + "…";
    std::snprintf(buf, sizeof(buf),
                  "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#111\">%s</text>", r.x + 3,
                  r.y + 12, Escape(text).c_str());
    *svg += buf;
  }
  *svg += "</g>";
  // Children (and the directory's own files as one more tile) below the label.
  Rect inner{r.x + 2, r.y + (label ? 16 : 2), r.w - 4, r.h - (label ? 18 : 4)};
  if (n.children.empty() || inner.w < 4 || inner.h < 4) return;
  std::vector<const Node*> parts;
  for (const auto& [k, c] : n.children)
    if (c->total) parts.push_back(c.get());
  Node own;
  if (n.own) {
    own.name = "(files)";
    own.path = n.path + " (its own files)";
    own.total = n.own;
    own.reached = n.own_reached;
    parts.push_back(&own);
  }
  std::sort(parts.begin(), parts.end(), [](const Node* a, const Node* b) {
    return a->total != b->total ? a->total > b->total : a->name < b->name;
  });
  double scale = inner.w * inner.h / static_cast<double>(n.total);
  std::vector<double> areas;
  for (const Node* p : parts) areas.push_back(p->total * scale);
  std::vector<Rect> rects = Squarify(areas, inner);
  for (size_t i = 0; i < parts.size(); ++i) Draw(*parts[i], rects[i], depth + 1, svg);
}

}  // namespace

std::string CoverageTreemapSvg(const std::vector<CoverageGroup>& directories, int width,
                               int height) {
  Node root;
  for (const CoverageGroup& d : directories) {
    Node* n = &root;
    std::string path;
    if (d.name != ".") {
      size_t start = 0;
      while (start <= d.name.size()) {
        size_t slash = d.name.find('/', start);
        if (slash == std::string::npos) slash = d.name.size();
        std::string part = d.name.substr(start, slash - start);
        path += (path.empty() ? "" : "/") + part;
        auto& child = n->children[part];
        if (!child) {
          child = std::make_unique<Node>();
          child->name = part;
          child->path = path;
        }
        n = child.get();
        start = slash + 1;
      }
    }
    n->own += d.functions;
    n->own_reached += d.reached;
  }
  root.path = ".";
  Sum(&root);
  std::string svg = "<svg class=\"treemap\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    std::to_string(width) + " " + std::to_string(height) +
                    "\" style=\"max-width:100%;height:auto\" role=\"img\">";
  Draw(root, Rect{0, 0, static_cast<double>(width), static_cast<double>(height)}, 0, &svg);
  svg += "</svg>";
  return svg;
}

}  // namespace tia::audit_internal
