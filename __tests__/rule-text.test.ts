import * as fc from "fast-check";
import { MessageWriter } from "../lib/private/message-writer";
import {
  describeRule,
  pointTo,
  writePointer,
  writeRuleDescription,
} from "../lib/private/rule-text";
import { Direction, PeerKind, Policy, Protocol } from "../lib/rule-file";
import { makeRule } from "./support/rules";

const rule = fc
  .record({
    file: fc.constantFrom("a.json", "b.json"),
    index: fc.nat(100_000),
    direction: fc.constantFrom(Direction.INGRESS, Direction.EGRESS),
    protocol: fc.constantFrom(...Object.values(Protocol)),
    fromPort: fc.integer({ min: -1, max: 65535 }),
    toPort: fc.integer({ min: -1, max: 65535 }),
    policy: fc.constantFrom(Policy.ACCEPT, Policy.DROP),
    priority: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.double({ noNaN: true })),
    peer: fc.constantFrom("0.0.0.0/0", "10.0.0.1", "::/0", "sg-1"),
  })
  .map((fields) => makeRule({ ...fields, peerKind: PeerKind.IPV4_CIDR }));

describe("writeRuleDescription and writePointer", () => {
  test("write what describeRule and pointTo return, message after message", () => {
    const writer = new MessageWriter();
    fc.assert(
      fc.property(rule, rule, (first, second) => {
        writeRuleDescription(writer, first);
        expect(writer.finish()).toBe(describeRule(first));
        writePointer(writer, first, second);
        expect(writer.finish()).toBe(pointTo(first, second));
        writeRuleDescription(writer, first);
        writer.add(" and ");
        writeRuleDescription(writer, second);
        writePointer(writer, second, first);
        writeRuleDescription(writer, first);
        writeRuleDescription(writer, second);
        const long = `${describeRule(first)} and ${describeRule(second)}`;
        const rest = `${pointTo(second, first)}${describeRule(first)}${describeRule(second)}`;
        expect(writer.finish()).toBe(long + rest);
      }),
    );
  });
});
