import {
  BinaryOperationNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  OperatorNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PrimitiveValueListNode,
  type QueryResult,
  RawNode,
  type RootOperationNode,
  type UnknownRow,
  ValueNode,
} from 'kysely';

/** Lists longer than this are sent as one JSON parameter; shorter ones keep a parameter per value. */
export const LONGEST_PLAIN_IN_LIST = 8;

const isListable = (value: unknown): value is string | number =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

class JsonInListTransformer extends OperationNodeTransformer {
  protected override transformBinaryOperation(node: BinaryOperationNode): BinaryOperationNode {
    const transformed = super.transformBinaryOperation(node);
    const { operator, rightOperand: list } = transformed;
    if (!OperatorNode.is(operator) || (operator.operator !== 'in' && operator.operator !== 'not in')) return transformed;
    if (!PrimitiveValueListNode.is(list) || list.values.length <= LONGEST_PLAIN_IN_LIST || !list.values.every(isListable)) {
      return transformed;
    }
    const values = RawNode.create(['(select value from json_each(', '))'], [ValueNode.create(JSON.stringify(list.values))]);
    return BinaryOperationNode.create(transformed.leftOperand, operator, values);
  }
}

/**
 * SQLite: `x in (…)` with more than `LONGEST_PLAIN_IN_LIST` values becomes `x in (select value from
 * json_each(?))` with the values as one JSON array. A list of each length was a statement of its own:
 * compiled anew (about 200 bytes of program per value), and kept in the statement cache or left for
 * the garbage collector to finalise, so a soak of history reads and writes grew native memory by tens
 * of megabytes. Now one statement serves every length. Strings and numbers only (what ids and ISO
 * times are); anything else is left as it is.
 */
export class JsonInListPlugin implements KyselyPlugin {
  readonly #transformer = new JsonInListTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
