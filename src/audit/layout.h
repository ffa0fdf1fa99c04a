// Graph layout for the HTML report: Graphviz's library (gvc) turns a DOT graph into SVG.
#pragma once

#include <memory>
#include <string>

namespace tia::audit_internal {

class GraphLayout {
 public:
  GraphLayout();
  ~GraphLayout();
  GraphLayout(const GraphLayout&) = delete;
  GraphLayout& operator=(const GraphLayout&) = delete;

  // Lays out `dot` with the dot engine; `svg` gets the <svg> element alone (no XML
  // prolog), scaled down to the width of its container.
  bool Svg(const std::string& dot, std::string* svg, std::string* err);

 private:
  struct Context;
  std::unique_ptr<Context> ctx_;
};

// `s` with &, <, >, " escaped for HTML, SVG and DOT labels alike.
std::string Escape(const std::string& s);

}  // namespace tia::audit_internal
