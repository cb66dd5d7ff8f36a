/**
 * One Cloud Control resource description → the object a mapping sees, in the shape its entry
 * expects. Pure.
 *
 * - Lattice's entries: `{ typeName, identifier, account, region, properties }` (`account` is the
 *   account's configured name).
 * - Port's entries see what Port's Ocean AWS integration gives: `Identifier`, `Properties` (the
 *   resource model, parsed), `__Kind` (the CloudFormation type), `__Region`, `__AccountId` (the
 *   12-digit account id), and, as its v3 integration writes them, `Type` and
 *   `__ExtraContext: { AccountId, Region }`.
 */

export interface AwsResourceObject {
  readonly typeName: string;
  readonly identifier: string;
  /** The account's configured name. */
  readonly account: string;
  /** The 12-digit account id, when known (`accountId`, or the account of `roleArn`). */
  readonly accountId: string | null;
  readonly region: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

export function latticeObject(o: AwsResourceObject): Record<string, unknown> {
  return { typeName: o.typeName, identifier: o.identifier, account: o.account, region: o.region, properties: o.properties };
}

export function oceanObject(o: AwsResourceObject): Record<string, unknown> {
  return {
    Identifier: o.identifier,
    Properties: o.properties,
    Type: o.typeName,
    __Kind: o.typeName,
    __Region: o.region,
    __AccountId: o.accountId,
    __ExtraContext: { AccountId: o.accountId, Region: o.region },
  };
}
