// The explicit rule registry: one line per rule, in ID order. A test checks
// that it matches rules/*.yaml and the fixtures exactly.
#include "rules/engine.h"

namespace og {

void check_og101(RuleContext&);
void check_og102(RuleContext&);
void check_og103(RuleContext&);
void check_og104(RuleContext&);
void check_og105(RuleContext&);
void check_og106(RuleContext&);
void check_og107(RuleContext&);
void check_og108(RuleContext&);
void check_og109(RuleContext&);
void check_og110(RuleContext&);
void check_og111(RuleContext&);
void check_og112(RuleContext&);
void check_og113(RuleContext&);
void check_og114(RuleContext&);
void check_og115(RuleContext&);
void check_og201(RuleContext&);
void check_og202(RuleContext&);
void check_og203(RuleContext&);
void check_og204(RuleContext&);
void check_og205(RuleContext&);
void check_og206(RuleContext&);
void check_og207(RuleContext&);
void check_og208(RuleContext&);
void check_og209(RuleContext&);
void check_og301(RuleContext&);
void check_og302(RuleContext&);
void check_og303(RuleContext&);
void check_og304(RuleContext&);
void check_og401(RuleContext&);
void check_og402(RuleContext&);
void check_og403(RuleContext&);
void check_og404(RuleContext&);
void check_og405(RuleContext&);
void check_og501(RuleContext&);
void check_og502(RuleContext&);
void check_og503(RuleContext&);
void check_og504(RuleContext&);
void check_og505(RuleContext&);
void check_og506(RuleContext&);
void check_og507(RuleContext&);
void check_og508(RuleContext&);
void check_og901(RuleContext&);
void check_og902(RuleContext&);
void check_og903(RuleContext&);

const std::vector<RuleImpl>& rule_registry() {
  static const std::vector<RuleImpl> r = {
      {"OG101", check_og101}, {"OG102", check_og102}, {"OG103", check_og103}, {"OG104", check_og104},
      {"OG105", check_og105}, {"OG106", check_og106}, {"OG107", check_og107}, {"OG108", check_og108},
      {"OG109", check_og109}, {"OG110", check_og110}, {"OG111", check_og111}, {"OG112", check_og112},
      {"OG113", check_og113}, {"OG114", check_og114}, {"OG115", check_og115},
      {"OG201", check_og201}, {"OG202", check_og202},
      {"OG203", check_og203}, {"OG204", check_og204}, {"OG205", check_og205}, {"OG206", check_og206},
      {"OG207", check_og207}, {"OG208", check_og208}, {"OG209", check_og209}, {"OG301", check_og301},
      {"OG302", check_og302}, {"OG303", check_og303}, {"OG304", check_og304}, {"OG401", check_og401},
      {"OG402", check_og402}, {"OG403", check_og403}, {"OG404", check_og404}, {"OG405", check_og405},
      {"OG501", check_og501, Phase::Probe}, {"OG502", check_og502, Phase::Probe},
      {"OG503", check_og503, Phase::Probe}, {"OG504", check_og504, Phase::Probe},
      {"OG505", check_og505, Phase::Probe}, {"OG506", check_og506, Phase::Probe},
      {"OG507", check_og507, Phase::Probe}, {"OG508", check_og508, Phase::Change},
      {"OG901", check_og901}, {"OG902", check_og902, Phase::Findings}, {"OG903", check_og903},
  };
  return r;
}

}  // namespace og
