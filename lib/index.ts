export * from "./rule-file";
export * from "./rule-file-error";
export * from "./rule-identity";
export * from "./load-rule-file";
export * from "./plan-rules";
export * from "./security-group-rules";
export * as alicloud from "./generated/alicloud";
