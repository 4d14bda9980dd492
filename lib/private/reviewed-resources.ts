import { IConstruct } from "constructs";

// Resources whose rules SecurityGroupRules already reviewed as one group; the
// review Aspect leaves them alone so that no finding is reported twice.
const REVIEWED = new WeakSet<IConstruct>();

/** Records resources whose rules were already reviewed. */
export function markReviewed(resources: readonly IConstruct[]): void {
  for (const resource of resources) {
    REVIEWED.add(resource);
  }
}

/** Tells whether a resource's rule was already reviewed. */
export function isReviewed(resource: IConstruct): boolean {
  return REVIEWED.has(resource);
}
