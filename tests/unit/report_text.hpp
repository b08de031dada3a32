// Builds the text of a 2021-format report, web-copy style (tab-separated rows), from cell values
// keyed by canonical key. Unset cells are "0". Tests change one value to break one rule.
#pragma once

#include <map>
#include <string>

#include "xxgk/keys.hpp"
#include "xxgk/xxgk.hpp"

namespace xxgk::test {

struct ReportText {
  std::map<std::string, std::string> cells;
  std::string title = "测试区测试局2024年政府信息公开工作年度报告";
  std::string overview = "2024年,本局依法做好政府信息公开工作。";
  std::string applications_prose;      // a sentence in (二) 依申请公开, for B4
  std::string other_matters = "无。";  // section 六, where the fees are stated (B5)

  [[nodiscard]] std::string value(const std::string& key) const {
    const auto it = cells.find(key);
    return it == cells.end() ? "0" : it->second;
  }

  [[nodiscard]] std::string table2() const {
    std::string t = "第二十条第(一)项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n";
    for (const char* row : {"regulations", "normative_documents"}) {
      t += std::string(row == std::string("regulations") ? "规章" : "行政规范性文件");
      for (const char* c : {"issued", "repealed", "in_force"})
        t += "\t" + value(std::string("table2.") + row + "." + c);
      t += "\n";
    }
    t += "第二十条第(五)项\n信息内容\t本年处理决定数量\n行政许可\t" + value("table2.licensing.decisions") + "\n";
    t += "第二十条第(六)项\n信息内容\t本年处理决定数量\n行政处罚\t" + value("table2.punishment.decisions") + "\n";
    t += "行政强制\t" + value("table2.coercion.decisions") + "\n";
    t += "第二十条第(八)项\n信息内容\t本年收费金额(单位:万元)\n行政事业性收费\t" + value("table2.fees.amount") + "\n";
    return t;
  }

  [[nodiscard]] std::string table3() const {
    std::string t = "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\t申请人情况\n";
    t += "\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
    std::string group;
    for (const auto& spec : table3_rows()) {
      if (spec.key == "granted") t += "三、本年度办理结果\n";
      if (spec.group != group && !spec.group.empty()) {
        for (const auto& g : table3_groups()) {
          if (g.key == spec.group) t += std::string(g.label) + "\n";
        }
      }
      group = std::string(spec.group);
      t += std::string(spec.label);
      for (const auto column : kTable3Columns)
        t += "\t" + value("table3." + std::string(spec.key) + "." + std::string(column));
      t += "\n";
    }
    return t;
  }

  [[nodiscard]] std::string table4() const {
    std::string t = "行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n";
    for (int i = 0; i < 2; ++i) t += "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t";
    t += "\n";
    std::string sep;
    for (const auto group : kTable4Groups) {
      for (const auto column : kTable4Columns) {
        t += sep + value("table4." + std::string(group) + "." + std::string(column));
        sep = "\t";
      }
    }
    return t + "\n";
  }

  [[nodiscard]] std::string str() const {
    return title + "\n\n一、总体情况\n" + overview + "\n(一)主动公开\n本局主动公开政府信息。\n(二)依申请公开\n" +
           applications_prose + "\n二、主动公开政府信息情况\n" + table2() + "\n三、收到和处理政府信息公开申请情况\n" +
           table3() + "\n四、政府信息公开行政复议、行政诉讼情况\n" + table4() +
           "\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n" + other_matters + "\n";
  }

  [[nodiscard]] Source source() const { return Source::from_bytes(str(), "test.txt"); }
};

// Findings of one rule.
inline std::vector<Finding> findings_of(const std::vector<Finding>& all, std::string_view rule) {
  std::vector<Finding> out;
  for (const auto& f : all) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

inline std::vector<Finding> check(const ReportText& text) {
  const auto source = text.source();
  return validate(parse_report(source), source);
}

}  // namespace xxgk::test
