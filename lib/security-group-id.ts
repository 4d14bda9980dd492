/** Shape of a security group ID as Alibaba Cloud issues them, e.g. `sg-bp1fg655nh68xyz9i3ab`. */
export const SECURITY_GROUP_ID_FORMAT = /^sg-[0-9a-z]+$/;

/**
 * Tells why a literal security group ID cannot be used, or returns
 * `undefined` when it can. The ID ends up in Terraform code and in import IDs,
 * where `${`, `:` or spaces would change their meaning.
 *
 * @param securityGroupId the ID as given
 */
export function describeBadSecurityGroupId(securityGroupId: string): string | undefined {
  if (SECURITY_GROUP_ID_FORMAT.test(securityGroupId)) {
    return undefined;
  }
  return (
    `the security group ID ${JSON.stringify(securityGroupId)} is not one: IDs are "sg-" ` +
    'followed by lower-case letters and digits, e.g. "sg-bp1fg655nh68xyz9i3ab".'
  );
}
