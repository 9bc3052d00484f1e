/** A small ONNX graph builder: unique tensor names, typed constants, nodes with typed attributes. */
import { AlchemistError } from "../../core/errors.js";
import {
  type AttributeMessage,
  AttrType,
  DataType,
  type DataTypeCode,
  type ModelMessage,
  type NodeMessage,
  type TensorMessage,
  type ValueInfoMessage,
} from "./onnx-proto.js";

/** The `ai.onnx.ml` domain name. */
export const ML_DOMAIN = "ai.onnx.ml";

const encoder = new TextEncoder();

/** A typed attribute value (ONNX attributes are typed; plain JS numbers would be ambiguous). */
export type Attr =
  | { kind: "int"; value: number }
  | { kind: "ints"; value: readonly number[] }
  | { kind: "float"; value: number }
  | { kind: "floats"; value: readonly number[] }
  | { kind: "string"; value: string }
  | { kind: "strings"; value: readonly string[] }
  | { kind: "tensor"; value: TensorMessage };

export const attr = {
  int: (value: number): Attr => ({ kind: "int", value }),
  ints: (value: readonly number[]): Attr => ({ kind: "ints", value }),
  float: (value: number): Attr => ({ kind: "float", value }),
  floats: (value: readonly number[]): Attr => ({ kind: "floats", value }),
  string: (value: string): Attr => ({ kind: "string", value }),
  strings: (value: readonly string[]): Attr => ({ kind: "strings", value }),
  doubles: (value: ArrayLike<number>): Attr => ({
    kind: "tensor",
    value: doubleTensor("", value, [value.length]),
  }),
  uint8Tensor: (value: readonly number[]): Attr => ({
    kind: "tensor",
    value: { name: "", dims: [value.length], data_type: DataType.UINT8, raw_data: Uint8Array.from(value) },
  }),
  int64Tensor: (value: readonly number[]): Attr => ({
    kind: "tensor",
    value: int64Tensor("", value, [value.length]),
  }),
};

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

// ONNX raw_data is little-endian; typed arrays use the host order.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function checkEndian(): void {
  if (!LITTLE_ENDIAN) throw new AlchemistError("INTERNAL", "ONNX export needs a little-endian host.", {});
}

/** A double tensor (raw little-endian bytes, so values are exact). */
export function doubleTensor(
  name: string,
  values: ArrayLike<number>,
  dims: readonly number[],
): TensorMessage {
  checkEndian();
  return { name, dims: [...dims], data_type: DataType.DOUBLE, raw_data: bytesOf(Float64Array.from(values)) };
}

export function int64Tensor(name: string, values: readonly number[], dims: readonly number[]): TensorMessage {
  checkEndian();
  const a = BigInt64Array.from(values.map((v) => BigInt(v)));
  return { name, dims: [...dims], data_type: DataType.INT64, raw_data: bytesOf(a) };
}

export function stringTensor(
  name: string,
  values: readonly string[],
  dims: readonly number[],
): TensorMessage {
  return {
    name,
    dims: [...dims],
    data_type: DataType.STRING,
    string_data: values.map((s) => encoder.encode(s)),
  };
}

function toAttribute(name: string, a: Attr): AttributeMessage {
  switch (a.kind) {
    case "int":
      return { name, type: AttrType.INT, i: a.value };
    case "ints":
      return { name, type: AttrType.INTS, ints: [...a.value] };
    case "float":
      return { name, type: AttrType.FLOAT, f: a.value };
    case "floats":
      return { name, type: AttrType.FLOATS, floats: [...a.value] };
    case "string":
      return { name, type: AttrType.STRING, s: encoder.encode(a.value) };
    case "strings":
      return { name, type: AttrType.STRINGS, strings: a.value.map((s) => encoder.encode(s)) };
    case "tensor":
      return { name, type: AttrType.TENSOR, t: a.value };
  }
}

/** One dimension: a fixed size or a symbolic name such as "N". */
export type Dim = number | string;

function valueInfo(
  name: string,
  elemType: DataTypeCode,
  dims: readonly Dim[],
  doc?: string,
): ValueInfoMessage {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d })) },
      },
    },
    ...(doc !== undefined ? { doc_string: doc } : {}),
  };
}

/** Builds one graph. Every tensor name it hands out is unique. */
export class GraphBuilder {
  private readonly nodes: NodeMessage[] = [];
  private readonly initializers: TensorMessage[] = [];
  private readonly inputs: ValueInfoMessage[] = [];
  private readonly outputs: ValueInfoMessage[] = [];
  private readonly used = new Set<string>();
  private readonly opsets = new Map<string, number>([["", 17]]);
  private counter = 0;

  /** A fresh tensor name starting with `prefix`. */
  fresh(prefix: string): string {
    const base = prefix.replace(/[^A-Za-z0-9_]/g, "_") || "t";
    let name = base;
    while (this.used.has(name)) name = `${base}_${++this.counter}`;
    this.used.add(name);
    return name;
  }

  /** Declares that the graph uses `domain` at `version` (the highest asked for wins). */
  useOpset(domain: string, version: number): void {
    this.opsets.set(domain, Math.max(this.opsets.get(domain) ?? 0, version));
  }

  /** A graph input; `name` is kept exactly (it is the user-facing column name). */
  input(name: string, elemType: DataTypeCode, dims: readonly Dim[], doc?: string): string {
    if (this.used.has(name)) throw new AlchemistError("INTERNAL", `ONNX name '${name}' is taken.`, {});
    this.used.add(name);
    this.inputs.push(valueInfo(name, elemType, dims, doc));
    return name;
  }

  /** Exposes tensor `from` as the graph output `name`. */
  output(name: string, from: string, elemType: DataTypeCode, dims: readonly Dim[], doc?: string): void {
    if (this.used.has(name)) throw new AlchemistError("INTERNAL", `ONNX name '${name}' is taken.`, {});
    this.used.add(name);
    this.nodes.push({
      input: [from],
      output: [name],
      name: `out_${name}`,
      op_type: "Identity",
      domain: "",
      attribute: [],
    });
    this.outputs.push(valueInfo(name, elemType, dims, doc));
  }

  private addInit(t: TensorMessage, prefix: string): string {
    const name = this.fresh(prefix);
    this.initializers.push({ ...t, name });
    return name;
  }

  constDouble(values: ArrayLike<number>, dims: readonly number[], prefix = "c"): string {
    return this.addInit(doubleTensor("", values, dims), prefix);
  }

  constInt64(values: readonly number[], dims: readonly number[], prefix = "c"): string {
    return this.addInit(int64Tensor("", values, dims), prefix);
  }

  constString(values: readonly string[], dims: readonly number[], prefix = "c"): string {
    return this.addInit(stringTensor("", values, dims), prefix);
  }

  /** Adds a node with `nOut` outputs and returns their names. */
  opN(
    opType: string,
    inputs: readonly string[],
    nOut: number,
    attrs: Record<string, Attr> = {},
    domain = "",
  ): string[] {
    const outs = Array.from({ length: nOut }, () => this.fresh(opType.toLowerCase()));
    this.nodes.push({
      input: [...inputs],
      output: outs,
      name: this.fresh(`n_${opType}`),
      op_type: opType,
      domain,
      attribute: Object.entries(attrs).map(([k, v]) => toAttribute(k, v)),
    });
    return outs;
  }

  /** Adds a node with one output and returns its name. */
  op(opType: string, inputs: readonly string[], attrs: Record<string, Attr> = {}, domain = ""): string {
    return this.opN(opType, inputs, 1, attrs, domain)[0] as string;
  }

  /** The ModelProto message (IR version 8). */
  toModel(meta: { producerVersion: string; doc: string; metadata: Record<string, string> }): ModelMessage {
    return {
      ir_version: 8,
      producer_name: "alchemist",
      producer_version: meta.producerVersion,
      doc_string: meta.doc,
      model_version: 1,
      opset_import: [...this.opsets].map(([domain, version]) => ({ domain, version })),
      metadata_props: Object.entries(meta.metadata).map(([key, value]) => ({ key, value })),
      graph: {
        name: "alchemist_pipeline",
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
  }
}
