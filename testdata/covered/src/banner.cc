#include "banner.h"

std::string Banner() {
  return "covered 1.0";
}
