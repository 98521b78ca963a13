# Right: arithmetic only, by walking Python's syntax tree (no eval).
import ast
import operator
from _serve import serve_threads

OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
       ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv,
       ast.Mod: operator.mod, ast.Pow: operator.pow}


def value(node):
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return OPS[type(node.op)](value(node.left), value(node.right))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -value(node.operand)
    raise ValueError("only arithmetic")


def handle(conn):
    f = conn.makefile("rb")
    try:
        for line in f:
            try:
                reply = str(value(ast.parse(line.decode().strip(), mode="eval").body))
            except ZeroDivisionError:
                reply = "error: division by zero"
            except Exception as e:
                reply = "error: " + str(e)
            conn.sendall((reply + "\n").encode())
    except OSError:
        pass
    conn.close()


serve_threads(handle)
