import { describe, expect, it } from "vitest";
import { extractDocuments } from "@connect-lint/core";
import { checkMap, lineCol } from "./source-helpers.js";

function only(tf: string, eol = "\n"): { host: string; text: string; doc: NonNullable<ReturnType<typeof extractDocuments>>["documents"][number] } {
  const host = tf.replace(/\n/g, eol);
  const result = extractDocuments("/x/main.tf", host, { readFile: () => undefined });
  expect(result?.diagnostics).toEqual([]);
  const doc = result?.documents[0];
  if (doc === undefined) throw new Error("no document");
  checkMap(doc, host);
  return { host, text: doc.text, doc };
}

const SKIPPED = `# a "comment" with { braces
/* block comment with "quotes" and } */
variable "x" {
  default = "}"
}
resource "aws_connect_contact_flow" "f" {
  // another { comment
  tags = {
    Team = "a}b"
  }
  lifecycle {
    ignore_changes = [tags]
  }
  name    = "F"
`;

describe("the HCL scanner", () => {
  for (const eol of ["\n", "\r\n"]) {
    it(`reads <<EOF (no stripping) past comments, nested blocks and braces in strings${eol === "\n" ? "" : " (CRLF)"}`, () => {
      const { text, host, doc } = only(`${SKIPPED}  content = <<EOF\n  {"Version": "2019-10-30",\n    "Actions": []}\nEOF\n}\n`, eol);
      expect(text).toBe(`  {"Version": "2019-10-30",\n    "Actions": []}\n`);
      expect(lineCol(host, doc.map.toHost(text.indexOf('"Actions"')))).toBe("17:5");
      expect(doc.name).toBe("F");
    });
  }

  it("keeps %{ for } directives inside strings as placeholders and blanks them outside", () => {
    const { text, doc } = only(`${SKIPPED}  content = <<-EOT
    {"Version": "2019-10-30", "Names": "%{ for n in var.names }\${n} %{ endfor }",
     "Actions": [
    %{~ for a in var.actions ~}
      {"Identifier": "\${a}"},
    %{~ endfor ~}
      {"Identifier": "end"}
     ]}
  EOT
}
`);
    expect(JSON.parse(text)).toMatchObject({ Names: "%{ for n in var.names }${n} %{ endfor }" });
    expect(doc.placeholders.map((p) => [text.slice(p.start, p.end).trim(), p.kind, p.inserted])).toEqual([
      ["%{ for n in var.names }", "directive", false],
      ["${n}", "substitution", false],
      ["%{ endfor }", "directive", false],
      ["", "directive", true],
      ["${a}", "substitution", false],
      ["", "directive", true],
    ]);
  });

  it("maps jsonencode() with nested lists, quoted keys, heredoc values and expressions", () => {
    const { text, host, doc } = only(`resource "aws_connect_contact_flow" "j" {
  content = jsonencode({
    "Version" : "2019-10-30",
    Actions = [
      { Identifier = "a", Parameters = { Text = <<-T
          Hello "you"
        T
      , Ids = [1, 2.5, -3], Flag = true, None = null, Ref = aws_connect_contact_flow.other.id, Cond = var.x ? "a" : "b" } },
    ]
  })
}
`);
    expect(JSON.parse(text)).toEqual({
      Version: "2019-10-30",
      Actions: [{ Identifier: "a", Parameters: { Text: 'Hello "you"\n', Ids: [1, 2.5, -3], Flag: true, None: null, Ref: "aws_connect_contact_flow.other.id", Cond: "var.x ? 'a' : 'b'" } }],
    });
    expect([...doc.references]).toEqual([["aws_connect_contact_flow.other.id", { resource: "aws_connect_contact_flow.other", attribute: "id", connectKind: "flow" }]]);
    const hello = text.indexOf("Hello");
    expect(lineCol(host, doc.map.toHost(hello))).toBe("6:11");
    expect(host.slice(doc.map.toHost(text.indexOf('\\"you')), doc.map.toHostEnd(text.indexOf('\\"you') + 2))).toBe('"');
  });

  it("reports an unclosed block as invalid-container and never throws on garbage", () => {
    const r = extractDocuments("m.tf", 'resource "aws_connect_contact_flow" "f" {\n  content = "x"\n');
    expect(r?.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([["invalid-container", 'Could not read this Terraform file: unclosed "{".']]);
    for (const junk of ['aws_connect_contact_flow "', "aws_connect_contact_flow = <<", "aws_connect_contact_flow {{{{", "resource aws_connect_contact_flow x { content = jsonencode({a = }) }"]) {
      expect(() => extractDocuments("m.tf", junk)).not.toThrow();
    }
  });
});
