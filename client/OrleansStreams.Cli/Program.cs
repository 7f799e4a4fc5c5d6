Console.WriteLine("ostreams");
