// The candidate profile (plugin actions and the Assessments tab) and an action's form.
#include <fmt/format.h>

#include <algorithm>

#include "sim/plugin_pages.hpp"

namespace pinbridge::sim {
namespace {

using web::Attr;
using web::Html;

std::string full_name(const ApplicationCandidate& c) {
  return c.first_name.empty() || c.last_name.empty() ? c.first_name + c.last_name
                                                     : c.first_name + " " + c.last_name;
}

std::string profile_path(const Company& company, std::int64_t application_id) {
  return fmt::format("{}/applications/{}", ui_base(company), application_id);
}

// A link only for http(s) URLs: a plugin's "javascript:" URL must not become a clickable script.
void safe_link(Html& html, const std::string& url, const std::string& text) {
  if (url.starts_with("http://") || url.starts_with("https://"))
    html.element("a", {{"href", url}, {"rel", "noopener noreferrer"}, {"target", "_blank"}}, text);
  else
    html.text(text + " (" + url + ")");
}

void record_links(Html& html, const PluginAssessment& record) {
  bool record_url_listed = false;
  for (const auto& link : record.external_links) {
    const auto url = link.value("url", "");
    const auto label = link.value("label", "");
    record_url_listed = record_url_listed || url == record.external_record_url;
    safe_link(html, url, label.empty() ? "Link" : label);
    html.text(" ");
  }
  if (!record.external_record_url.empty() && !record_url_listed)
    safe_link(html, record.external_record_url, "View record");
}

void actions_section(Html& html, const Company& company, const ProfileView& view) {
  html.open("section", {{"aria-labelledby", "actions-heading"}})
      .element("h2", {{"id", "actions-heading"}}, "Actions");
  if (view.plugins.empty()) {
    html.open("p").text("No plugins are registered. ");
    html.element("a", {{"href", ui_base(company) + "/plugins"}}, "Register one").close("p");
  }
  for (const auto& plugin : view.plugins)
    for (const auto& action : plugin.meta.actions)
      html.open("form",
                {{"method", "get"},
                 {"action", action_path(company, view.candidate.application_id, plugin.id, action.key)}})
          .element("button", {{"type", "submit"}}, action.label)
          .close("form");
  html.close("section");
}

void assessments_section(Html& html, const ProfileView& view) {
  html.open("section", {{"aria-labelledby", "assessments-heading"}, {"id", "assessments"}})
      .element("h2", {{"id", "assessments-heading"}}, "Assessments");
  if (view.assessments.empty()) {
    html.element("p", "No assessments yet.").close("section");
    return;
  }
  html.open("table").open("thead").open("tr");
  for (const char* column : {"Assessment", "Status", "Score", "Report"})
    html.element("th", {{"scope", "col"}}, column);
  html.close("tr").close("thead").open("tbody");
  for (const auto& r : view.assessments) {
    html.open("tr").element("td", r.assessment_name).element("td", r.status);
    html.element("td", r.score ? std::to_string(*r.score) : "-").open("td");
    record_links(html, r);
    html.close("td").close("tr");
  }
  html.close("tbody").close("table").close("section");
}

// Keyed by field; errors naming no field of the form are listed with the toast.
std::map<std::string, std::string> field_errors(const SubmitResult* failure) {
  std::map<std::string, std::string> errors;
  if (failure != nullptr)
    for (const auto& e : failure->errors) errors[e.key] = e.error;
  return errors;
}

void callout(Html& html, const FormField& field) {
  const bool danger = field.intent == "danger";
  const auto intent = field.intent.empty() ? std::string("none") : field.intent;
  html.open("div", {{"class", "callout callout-" + intent}, {"role", danger ? "alert" : "note"}});
  if (!field.label.empty()) html.element("strong", field.label);
  html.element("p", field.description).close("div");
}

void select_input(Html& html, const FormField& field, const std::vector<Attr>& attrs,
                  const std::string& value) {
  html.open("select", attrs);
  const bool chosen = std::any_of(field.options.begin(), field.options.end(),
                                  [&](const auto& o) { return o.value == value; });
  html.element("option", {{"value", ""}, {chosen ? "" : "selected", "selected"}},
               field.placeholder.empty() ? "Select..." : field.placeholder);
  for (const auto& option : field.options)
    html.element("option", {{"value", option.value}, {option.value == value ? "selected" : "", "selected"}},
                 option.label);
  html.close("select");
}

void form_field(Html& html, const FormField& field, const std::string& value, const std::string& error) {
  if (field.is_callout()) return callout(html, field);
  const auto id = "field-" + field.key;
  const auto name = "field." + field.key;
  const auto error_id = id + "-error";
  html.element("label", {{"for", id}}, field.label.empty() ? field.key : field.label);
  std::vector<Attr> attrs{{"id", id},
                          {"name", name},
                          {field.required ? "required" : "", "required"},
                          {error.empty() ? "" : "aria-invalid", "true"},
                          {error.empty() ? "" : "aria-describedby", error_id}};
  if (!field.options.empty()) {
    select_input(html, field, attrs, value);
  } else {
    attrs.push_back({"type", field.type == "date" ? "date" : "text"});
    attrs.push_back({"value", value});
    attrs.push_back({field.readonly ? "readonly" : "", "readonly"});
    attrs.push_back({field.placeholder.empty() ? "" : "placeholder", field.placeholder});
    html.empty("input", attrs);
  }
  if (!field.description.empty()) html.element("p", {{"class", "hint"}}, field.description);
  if (!error.empty()) html.element("p", {{"class", "field-error"}, {"id", error_id}}, error);
}

void failure_toast(Html& html, const ActionForm& form, const SubmitResult* failure) {
  if (failure == nullptr) return;
  std::vector<std::string> lines;
  if (!failure->toast_error.empty()) lines.push_back(failure->toast_error);
  for (const auto& e : failure->errors) {
    const bool on_form =
        std::any_of(form.fields.begin(), form.fields.end(), [&](const auto& f) { return f.key == e.key; });
    if (!on_form) lines.push_back(e.key + ": " + e.error);
  }
  if (lines.empty()) lines.emplace_back("The plugin could not complete the action.");
  html.open("div", {{"class", "toast toast-error"}, {"role", "alert"}});
  for (const auto& line : lines) html.element("p", line);
  html.close("div");
}

}  // namespace

std::string profile_page(const Company& company, const ProfileView& view, const Notice& notice) {
  Html html;
  html.open("p").text("Email: ").element("span", view.candidate.email).close("p");
  html.open("p").text("Job: ").element("span", view.candidate.job_title).close("p");
  actions_section(html, company, view);
  assessments_section(html, view);
  return ui_page(company, full_name(view.candidate), notice, html.str());
}

std::string action_form_page(const Company& company, const ActionFormView& view, const Notice& notice) {
  const auto& form = view.opened.form;
  const auto& target = view.opened.target;
  const auto errors = field_errors(view.failure);
  Html html;
  html.open("p")
      .text("Candidate: ")
      .element("a", {{"href", profile_path(company, target.application_id)}}, full_name(view.candidate))
      .close("p");
  if (!form.description.empty()) html.element("p", form.description);
  failure_toast(html, form, view.failure);
  html.open("form",
            {{"method", "post"},
             {"action", action_path(company, target.application_id, target.plugin_id, target.action_key)}});
  html.empty("input", {{"type", "hidden"}, {"name", "callback_uuid"}, {"value", view.opened.callback_uuid}});
  for (const auto& field : form.fields) {
    const auto typed = view.typed.find(field.key);
    const auto& value = typed != view.typed.end() && !field.readonly ? typed->second : field.value;
    const auto error = errors.find(field.key);
    form_field(html, field, value, error == errors.end() ? "" : error->second);
  }
  if (form.has_inputs()) html.element("button", {{"type", "submit"}}, "Submit");
  html.close("form");
  html.open("p").element("a", {{"href", profile_path(company, target.application_id)}}, "Cancel").close("p");
  return ui_page(company, form.label.empty() ? target.action_key : form.label, notice, html.str());
}

std::string action_error_page(const Company& company, const ApplicationCandidate& candidate,
                              const Notice& notice) {
  Html html;
  html.open("p")
      .element("a", {{"href", profile_path(company, candidate.application_id)}},
               "Back to " + full_name(candidate))
      .close("p");
  return ui_page(company, "The plugin could not show this action", notice, html.str());
}

}  // namespace pinbridge::sim
