// Excel output (libxlsxwriter): opens in Excel and LibreOffice with no import dialog, numbers as
// numbers. Rows are written in order with constant memory; a sheet that reaches Excel's row limit
// continues on the next ("reports 2").
#include <xlsxwriter.h>

#include <cerrno>
#include <cstring>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "src/batch/writer.hpp"

namespace xxgk::batch {
namespace {

class XlsxWriter : public Writer {
 public:
  XlsxWriter(const std::string& path, bool long_form) : out_(path), long_(long_form) {
    out_.close();  // libxlsxwriter writes the file itself, at the end
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to temporary files, not memory
    options.use_zip64 = LXW_TRUE;
    workbook_ = workbook_new_opt(out_.temporary().c_str(), &options);
    if (workbook_ == nullptr) out_.fail("libxlsxwriter cannot create the workbook");
    header_ = {std::begin(kReportColumns), std::end(kReportColumns)};
    if (long_) {
      for (const char* c : {"key", "value", "state", "line", "column"}) header_.emplace_back(c);
    } else {
      header_.insert(header_.end(), wide_keys().begin(), wide_keys().end());
    }
    new_sheet();
  }
  ~XlsxWriter() override {
    if (workbook_ != nullptr) workbook_close(workbook_);  // frees it; the temporary is removed after
  }
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void write(const std::vector<Result>& chunk) override {
    for (const Result& r : chunk) {
      const auto fields = report_fields(r);
      const auto cells = r.cells();
      if (long_) {
        if (cells.empty()) start_row(fields);  // every input is accounted for
        for (const Cell* c : cells) {
          start_row(fields);
          lxw_col_t column = static_cast<lxw_col_t>(fields.size());
          put_text(column++, std::string(c->key));
          put_cell(column++, *c);
          put_text(column++, std::string(to_string(c->state)));
          put_number(column++, c->pos.line);
          put_number(column, c->pos.column);
        }
        continue;
      }
      start_row(fields);
      for (const Cell* c : cells) {
        if (const auto it = column_of_.find(c->key); it != column_of_.end()) put_cell(it->second, *c);
      }
    }
  }
  void finish(const RunCounts& /*counts*/) override {
    errno = 0;
    const lxw_error error = workbook_close(std::exchange(workbook_, nullptr));
    const int system_error = errno;  // the zip writer's reason, which lxw_strerror does not give
    if (error != LXW_NO_ERROR) {
      out_.fail(system_error != 0 ? std::strerror(system_error) : lxw_strerror(error));
    }
    out_.commit();
  }

 private:
  TemporaryOutput out_;
  bool long_;
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_row_t row_ = 0;
  int sheets_ = 0;
  std::vector<std::string> header_;
  std::unordered_map<std::string_view, lxw_col_t> column_of_;  // cell key → column of the wide sheet

  void check(lxw_error error) const {
    if (error != LXW_NO_ERROR) out_.fail(lxw_strerror(error));
  }
  void new_sheet() {
    ++sheets_;
    const std::string name =
        fmt::format("{}{}", long_ ? "cells" : "reports", sheets_ == 1 ? "" : fmt::format(" {}", sheets_));
    sheet_ = workbook_add_worksheet(workbook_, name.c_str());
    if (sheet_ == nullptr) out_.fail("libxlsxwriter cannot add a worksheet");
    row_ = 0;
    for (std::size_t c = 0; c < header_.size(); ++c) put_text(static_cast<lxw_col_t>(c), header_[c]);
    if (!long_ && column_of_.empty()) {
      for (std::size_t k = 0; k < wide_keys().size(); ++k) {
        column_of_.emplace(wide_keys()[k], static_cast<lxw_col_t>(std::size(kReportColumns) + k));
      }
    }
  }
  // The report's own columns; year, errors and warnings as numbers.
  void start_row(const std::vector<std::string>& fields) {
    if (++row_ >= LXW_ROW_MAX) new_sheet(), ++row_;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const std::string_view name = kReportColumns[c];
      const bool numeric = name == "year" || name == "errors" || name == "warnings";
      if (fields[c].empty()) continue;
      if (numeric) {
        put_number(static_cast<lxw_col_t>(c), std::stod(fields[c]));
      } else {
        put_text(static_cast<lxw_col_t>(c), fields[c]);
      }
    }
  }
  // A number as a number (Excel sums it); `/`, `-`, `无` and text as written; blank left empty.
  void put_cell(lxw_col_t column, const Cell& c) {
    if (c.state == CellState::number && c.value && c.unit.empty() &&
        c.raw.find_first_not_of("0123456789.-") == std::string::npos) {
      put_number(column, *c.value);
    } else if (!c.raw.empty()) {
      put_text(column, c.raw);
    }
  }
  void put_text(lxw_col_t column, const std::string& text) {
    check(worksheet_write_string(sheet_, row_, column, text.c_str(), nullptr));
  }
  void put_number(lxw_col_t column, double value) {
    check(worksheet_write_number(sheet_, row_, column, value, nullptr));
  }
};

}  // namespace

std::unique_ptr<Writer> open_xlsx_writer(const BatchOptions& o) {
  return std::make_unique<XlsxWriter>(o.output, o.long_csv);
}

}  // namespace xxgk::batch
