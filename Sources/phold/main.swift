print("phold: arrives with the engine issue")
