namespace Windsock::Sandbox {
int placeholder()
{
    return 0;
}
} // namespace Windsock::Sandbox
