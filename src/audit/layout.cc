// Graphviz through its C library (see layout.h). Every Graphviz handle is owned by a
// unique_ptr with the library's own free function.
#include "layout.h"

#include <graphviz/gvc.h>

namespace tia::audit_internal {
namespace {

struct FreeContext {
  void operator()(GVC_t* c) const { gvFreeContext(c); }
};
struct FreeGraph {
  void operator()(Agraph_t* g) const { agclose(g); }
};
struct FreeRender {
  void operator()(char* d) const { gvFreeRenderData(d); }
};

}  // namespace

struct GraphLayout::Context {
  std::unique_ptr<GVC_t, FreeContext> gvc{gvContext()};
};

GraphLayout::GraphLayout() : ctx_(std::make_unique<Context>()) {
  // Graphviz reports syntax problems through agerr to stderr; the caller reports instead.
  agseterr(AGMAX);
}

GraphLayout::~GraphLayout() = default;

bool GraphLayout::Svg(const std::string& dot, std::string* svg, std::string* err) {
  if (!ctx_->gvc) return *err = "Graphviz: cannot create a layout context", false;
  std::unique_ptr<Agraph_t, FreeGraph> g(agmemread(dot.c_str()));
  if (!g)
    return *err = "Graphviz: cannot read the generated graph: " +
                  std::string(aglasterr() ? aglasterr() : ""),
           false;
  if (gvLayout(ctx_->gvc.get(), g.get(), "dot") != 0)
    return *err = "Graphviz: the dot layout failed", false;
  char* data = nullptr;
  unsigned int len = 0;
  int rc = gvRenderData(ctx_->gvc.get(), g.get(), "svg", &data, &len);
  std::unique_ptr<char, FreeRender> owned(data);
  gvFreeLayout(ctx_->gvc.get(), g.get());
  if (rc != 0 || !data) return *err = "Graphviz: rendering SVG failed", false;
  std::string out(data, len);
  size_t start = out.find("<svg");
  if (start == std::string::npos) return *err = "Graphviz: no <svg> in its output", false;
  out.erase(0, start);
  out.insert(4, " class=\"graph\" style=\"max-width:100%;height:auto\"");
  *svg = std::move(out);
  return true;
}

std::string Escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace tia::audit_internal
