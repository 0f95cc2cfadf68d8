/**
 * Replaces `{name}` placeholders in a UI string from `params`; unknown names stay as written, so
 * a missing parameter shows up on the page instead of vanishing. Shared by the site's strings
 * (ui.ts) and the lab's (lab.ts), which are separate dictionaries so pages do not ship the lab's.
 */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
