import { rmSync } from "node:fs";
import { join } from "node:path";
import { App, Fn, LocalBackend, OssBackend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { isRuleFileError, SecurityGroupRules } from "./lib";
import { dataAlicloudZones, provider, securityGroup, vpc, vswitch } from "./lib/generated/alicloud";
import { SECURITY_GROUP_ID_FORMAT } from "./lib/security-group-id";

/** Name of the sample's only stack. */
export const SAMPLE_STACK = "cpanel-server";

/** Rule file the sample deploys unless `SG_RULES_RULE_FILE` names another. */
export const CPANEL_RULE_FILE = "rules/cPanel_Alibaba_Security_Rules_v2.json";

/** What the sample app reads from the environment; credentials are never among them. */
export interface SampleSettings {
  /** Region for the provider, from `ALICLOUD_REGION`. @default "cn-hangzhou" */
  readonly region: string;
  /** Rule file to deploy, from `SG_RULES_RULE_FILE`. @default CPANEL_RULE_FILE */
  readonly ruleFile: string;
  /** Existing group to fill, from `SG_RULES_SECURITY_GROUP_ID`. @default - a new VPC and group */
  readonly securityGroupId?: string;
  /** OSS bucket for remote state, from `SG_RULES_STATE_BUCKET`. @default - local state */
  readonly stateBucket?: string;
  /** Tablestore endpoint for state locking, from `SG_RULES_STATE_LOCK_ENDPOINT`. */
  readonly stateLockEndpoint?: string;
  /** Tablestore table for state locking, from `SG_RULES_STATE_LOCK_TABLE`. */
  readonly stateLockTable?: string;
  /**
   * Sources allowed to reach administration ports instead of the whole
   * Internet, from the comma-separated `SG_RULES_ADMIN_CIDRS`.
   *
   * @default - the rule file's sources, with the review's findings
   */
  readonly adminSourceCidrs: string[];
}

/**
 * Reads the sample's settings from environment variables.
 *
 * @param env the environment to read
 */
export function readSampleSettings(env: NodeJS.ProcessEnv = process.env): SampleSettings {
  const optional = (name: string) => (env[name] ? env[name] : undefined);
  checkFormat(optional("ALICLOUD_REGION"), REGION_FORMAT, "ALICLOUD_REGION", "cn-hangzhou");
  checkFormat(
    optional("SG_RULES_SECURITY_GROUP_ID"),
    SECURITY_GROUP_ID_FORMAT,
    "SG_RULES_SECURITY_GROUP_ID",
    "sg-bp1fg655nh68xyz9i3ab",
  );
  return {
    region: optional("ALICLOUD_REGION") ?? "cn-hangzhou",
    ruleFile: optional("SG_RULES_RULE_FILE") ?? CPANEL_RULE_FILE,
    securityGroupId: optional("SG_RULES_SECURITY_GROUP_ID"),
    stateBucket: optional("SG_RULES_STATE_BUCKET"),
    stateLockEndpoint: optional("SG_RULES_STATE_LOCK_ENDPOINT"),
    stateLockTable: optional("SG_RULES_STATE_LOCK_TABLE"),
    adminSourceCidrs: (optional("SG_RULES_ADMIN_CIDRS") ?? "")
      .split(",")
      .map((cidr) => cidr.trim())
      .filter((cidr) => cidr !== ""),
  };
}

const REGION_FORMAT = /^[a-z]{2,}(-[a-z0-9]+)+$/;

// Values from the environment end up in Terraform code, where `${` would be
// evaluated; only the shapes Alibaba uses are let through.
function checkFormat(value: string | undefined, format: RegExp, name: string, example: string) {
  if (value !== undefined && !format.test(value)) {
    throw new Error(
      `${name} is ${JSON.stringify(value)}, which is not valid. Write e.g. ${example}.`,
    );
  }
}

/** One cPanel & WHM server's network: a VPC, a vswitch, a security group and its rules. */
export class CpanelServerStack extends TerraformStack {
  public constructor(scope: Construct, id: string, settings: SampleSettings) {
    super(scope, id);

    // Credentials come from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID and
    // friends) and are never written to the synthesized files.
    new provider.AlicloudProvider(this, "alicloud", { region: settings.region });
    addBackend(this, settings);

    const securityGroupId = settings.securityGroupId ?? this.addNetwork().id;
    const rules = new SecurityGroupRules(this, "cpanel", {
      securityGroupId,
      ruleFile: settings.ruleFile,
      adminSourceCidrs: settings.adminSourceCidrs,
      reviewReport: true,
    });

    new TerraformOutput(this, "security_group_id", { value: securityGroupId });
    new TerraformOutput(this, "rule_count", { value: rules.resources.length });
  }

  private addNetwork(): securityGroup.SecurityGroup {
    const network = new vpc.Vpc(this, "vpc", {
      vpcName: "cpanel-server",
      cidrBlock: "172.16.0.0/16",
    });
    const zones = new dataAlicloudZones.DataAlicloudZones(this, "zones", {
      availableResourceCreation: "VSwitch",
    });
    new vswitch.Vswitch(this, "vswitch", {
      vswitchName: "cpanel-server",
      vpcId: network.id,
      cidrBlock: "172.16.0.0/24",
      zoneId: Fn.element(zones.ids, 0),
    });
    return new securityGroup.SecurityGroup(this, "security_group", {
      securityGroupName: "cpanel-server",
      description: "cPanel & WHM server, rules from the vendor's rule file",
      vpcId: network.id,
    });
  }
}

function addBackend(stack: TerraformStack, settings: SampleSettings): void {
  if (settings.stateBucket === undefined) {
    new LocalBackend(stack, { path: "terraform.cpanel-server.tfstate" });
    return;
  }
  new OssBackend(stack, {
    bucket: settings.stateBucket,
    prefix: "cdktf-alicloud-security-group-rules",
    key: "cpanel-server.tfstate",
    region: settings.region,
    tablestoreEndpoint: settings.stateLockEndpoint,
    tablestoreTable: settings.stateLockTable,
    encrypt: true,
  });
}

/**
 * Builds the sample app: one stack, `cpanel-server`.
 *
 * @param outdir where synth writes; cdktf's CLI passes its own through CDKTF_OUTDIR
 * @param settings what the environment asks for
 */
export function buildSampleApp(outdir?: string, settings = readSampleSettings()): App {
  const app = new App(outdir === undefined ? {} : { outdir });
  new CpanelServerStack(app, SAMPLE_STACK, settings);
  return app;
}

if (require.main === module) {
  try {
    buildSampleApp().synth();
  } catch (error) {
    // cdktf's CLI keeps the previous run's stack; remove it so that it cannot be
    // mistaken for the output of this failed run.
    const outdir = process.env.CDKTF_OUTDIR;
    if (outdir !== undefined) {
      rmSync(join(outdir, "stacks", SAMPLE_STACK), { recursive: true, force: true });
    }
    console.error(isRuleFileError(error) ? error.message : (error as Error).message);
    process.exitCode = 1;
  }
}
