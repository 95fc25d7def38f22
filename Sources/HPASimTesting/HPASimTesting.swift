@_exported public import HPASim
