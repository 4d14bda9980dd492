// An app that already manages its own network, then adopts the library: it
// adds the cPanel rules shipped in the package to its group, and reviews every
// rule in the stack, the hand-written ones included.
const path = require("node:path");
const { App, Aspects, LocalBackend, TerraformStack } = require("cdktf");
const {
  alicloud,
  SecurityGroupRuleReview,
  SecurityGroupRules,
} = require("cdktf-alicloud-security-group-rules");

// The rule files ship inside the package, next to its package.json.
const PACKAGE_ROOT = path.dirname(
  require.resolve("cdktf-alicloud-security-group-rules/package.json"),
);
const CPANEL_RULE_FILE = path.join(PACKAGE_ROOT, "rules", "cPanel_Alibaba_Security_Rules_v2.json");

class ExistingStack extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);

    new alicloud.provider.AlicloudProvider(this, "alicloud", { region: "cn-hangzhou" });
    // A relative path keeps the machine's working directory out of the output.
    new LocalBackend(this, { path: "terraform.existing-app.tfstate" });

    const network = new alicloud.vpc.Vpc(this, "network", {
      vpcName: "existing-app",
      cidrBlock: "10.20.0.0/16",
    });
    const group = new alicloud.securityGroup.SecurityGroup(this, "web", {
      securityGroupName: "existing-app-web",
      vpcId: network.id,
    });

    // Written by hand before the library arrived; the review must flag it.
    new alicloud.securityGroupRule.SecurityGroupRule(this, "ssh-from-anywhere", {
      securityGroupId: group.id,
      type: "ingress",
      ipProtocol: "tcp",
      portRange: "22/22",
      cidrIp: "0.0.0.0/0",
      policy: "accept",
      priority: 1,
      nicType: "intranet",
    });

    new SecurityGroupRules(this, "cpanel", {
      securityGroupId: group.id,
      ruleFile: CPANEL_RULE_FILE,
    });

    Aspects.of(this).add(new SecurityGroupRuleReview());
  }
}

const app = new App();
new ExistingStack(app, "existing-app");
app.synth();
