// One browser and one server at a time: on a two-core machine, several Chromiums and desks starting
// together made page loads slow enough to time out.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
